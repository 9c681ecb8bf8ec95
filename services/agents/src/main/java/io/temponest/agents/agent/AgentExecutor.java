package io.temponest.agents.agent;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

import io.temponest.agents.execution.AgentExecution;
import io.temponest.agents.knowledge.ForwardedCredentials;
import io.temponest.agents.knowledge.KnowledgeRetrieval;
import io.temponest.agents.llm.LlmPrompt;
import io.temponest.agents.llm.LlmProperties;
import io.temponest.agents.role.AgentRole;
import io.temponest.agents.role.Citation;
import io.temponest.agents.role.KnowledgeExcerpts;
import io.temponest.agents.role.RolePrompt;
import io.temponest.agents.run.AgentRunRequest;
import io.temponest.agents.run.AgentRunResponse;
import io.temponest.agents.run.AgentRuns;
import io.temponest.agents.run.Grounding;
import io.temponest.agents.run.RunCommand;
import io.temponest.agents.run.RunFailedException;
import io.temponest.agents.run.RunResult;
import io.temponest.security.AuthPrincipal;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Runs an agent of the catalog: a built-in role with its own prompt and parsing, a tenant
 * agent with its system prompt and the answer as {@code {"response": ...}}. A tenant
 * agent with knowledge collections is given the excerpts found for the task in them (with
 * the caller's credentials) in its prompt, and its result lists them as
 * {@code citations}; if it requires citations and too few are found, the run fails
 * without calling the provider. A stream answers {@code text/event-stream}, one
 * {@code data: {"content": "..."}} line per piece of text as the provider sends it and
 * {@code data: [DONE]} at the end; until the first piece nothing is sent, so refusals and
 * provider failures before it are ordinary problem answers.
 */
@Component
class AgentExecutor {

	/** Answer tokens of a tenant agent's run. */
	static final int AGENT_MAX_TOKENS = 2048;

	/** Tokens a tenant agent's message may have. */
	static final int AGENT_TOKEN_BUDGET = 8000;

	private static final TypeReference<List<Object>> LIST = new TypeReference<>() {
	};

	private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);

	private final AgentCatalog catalog;

	private final AgentRuns runs;

	private final JsonMapper json;

	private final LlmProperties llm;

	private final KnowledgeRetrieval knowledge;

	AgentExecutor(AgentCatalog catalog, AgentRuns runs, JsonMapper json, LlmProperties llm,
			KnowledgeRetrieval knowledge) {
		this.catalog = catalog;
		this.runs = runs;
		this.json = json;
		this.llm = llm;
		this.knowledge = knowledge;
	}

	Object execute(AuthPrincipal caller, ForwardedCredentials credentials, UUID id, ExecuteRequest request) {
		RunCommand command = command(caller, credentials, id, request.userMessage(), request.context(), null, null,
				null);
		return this.runs.run(command, (result) -> execution(caller, command, result));
	}

	Object run(AuthPrincipal caller, ForwardedCredentials credentials, UUID id, AgentRunRequest request) {
		RunCommand command = command(caller, credentials, id, request.task(), request.context(), request.projectId(),
				request.workflowId(), request.idempotencyKey());
		String agentKey = AgentRole.ofId(id).flatMap(AgentRole::modelInfoKey).orElse(null);
		return this.runs.run(command, (result) -> AgentRunResponse.of(command, result, agentKey, this.llm));
	}

	Object runStep(AuthPrincipal caller, ForwardedCredentials credentials, UUID id, String message,
			Map<String, Object> context, @Nullable String workflowId, @Nullable String idempotencyKey,
			BiFunction<RunCommand, RunResult, Object> render) {
		RunCommand command = command(caller, credentials, id, message, context, null, workflowId, idempotencyKey);
		return this.runs.run(command, (result) -> render.apply(command, result));
	}

	void stream(AuthPrincipal caller, ForwardedCredentials credentials, UUID id, ExecuteRequest request,
			HttpServletResponse response) throws IOException {
		RunCommand command = command(caller, credentials, id, request.userMessage(), request.context(), null, null,
				null);
		boolean[] started = { false };
		try {
			this.runs.stream(command, (text) -> send(response, started, Map.of("content", text)));
		}
		catch (RuntimeException ex) {
			if (!started[0]) {
				throw ex;
			}
			if (ex instanceof UncheckedIOException) {
				return;
			}
			String error = (ex instanceof RunFailedException failed) ? failed.getMessage() : "The run failed";
			send(response, started, Map.of("content", "", "error", error));
		}
		if (!started[0]) {
			open(response);
		}
		OutputStream body = response.getOutputStream();
		body.write(DONE);
		body.flush();
	}

	private void send(HttpServletResponse response, boolean[] started, Map<String, Object> event) {
		try {
			if (!started[0]) {
				open(response);
				started[0] = true;
			}
			OutputStream body = response.getOutputStream();
			body.write(("data: " + this.json.writeValueAsString(event) + "\n\n").getBytes(StandardCharsets.UTF_8));
			body.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void open(HttpServletResponse response) {
		response.setStatus(200);
		response.setContentType("text/event-stream");
		response.setCharacterEncoding("UTF-8");
		response.setHeader("Cache-Control", "no-cache");
		response.setHeader("X-Accel-Buffering", "no");
	}

	private RunCommand command(AuthPrincipal caller, ForwardedCredentials credentials, UUID id, String message,
			@Nullable Map<String, Object> given, @Nullable String projectId, @Nullable String workflowId,
			@Nullable String idempotencyKey) {
		Map<String, Object> context = (given != null) ? given : Map.of();
		AgentCatalog.RunTarget target = this.catalog.runnable(id);
		if (target instanceof AgentCatalog.BuiltIn builtIn) {
			AgentRole role = builtIn.role();
			RolePrompt prompt = role.prompt(message, context);
			return new RunCommand(caller.tenantUuid(), caller.userUuid().orElse(null), role.id(), role.slug(),
					role.slug(), builtIn.model(),
					new LlmPrompt(prompt.system(), prompt.user(), role.temperature(), role.maxAnswerTokens()), message,
					context, role.taskTokenBudget(), projectId, workflowId, idempotencyKey, role::parse);
		}
		AgentCatalog.Own own = (AgentCatalog.Own) target;
		AgentEntity agent = own.agent();
		String system = (agent.systemPrompt() != null && !agent.systemPrompt().isBlank()) ? agent.systemPrompt()
				: "You are " + agent.name() + ((agent.description() != null) ? ": " + agent.description() : ".");
		String user = context.isEmpty() ? message
				: message + "\n\nContext:\n" + this.json.writerWithDefaultPrettyPrinter().writeValueAsString(context);
		Grounding grounding = grounding(credentials, agent, message);
		if (grounding == null) {
			return new RunCommand(caller.tenantUuid(), caller.userUuid().orElse(null), agent.id(), agent.name(),
					"custom", own.model(), new LlmPrompt(system, user, agent.temperature(), AGENT_MAX_TOKENS), message,
					context, AGENT_TOKEN_BUDGET, projectId, workflowId, idempotencyKey, AgentExecutor::asResponse);
		}
		List<Citation> citations = grounding.citations();
		String grounded = citations.isEmpty() ? user
				: user + "\n\n## Knowledge base\n" + KnowledgeExcerpts.section(citations).strip();
		return new RunCommand(caller.tenantUuid(), caller.userUuid().orElse(null), agent.id(), agent.name(), "custom",
				own.model(), new LlmPrompt(system, grounded, agent.temperature(), AGENT_MAX_TOKENS), message, context,
				AGENT_TOKEN_BUDGET, projectId, workflowId, idempotencyKey, (text) -> asResponse(text, citations),
				grounding);
	}

	/**
	 * The excerpts of the agent's collections for the task, retrieved with the caller's
	 * credentials; none for an agent without collections that does not require them.
	 */
	private @Nullable Grounding grounding(ForwardedCredentials credentials, AgentEntity agent, String task) {
		List<String> collections = this.json.readValue(agent.ragCollectionIds().json(), LIST)
			.stream()
			.map(String::valueOf)
			.toList();
		if (collections.isEmpty() && !agent.requireCitations()) {
			return null;
		}
		return new Grounding(this.knowledge.retrieve(credentials, collections, task), agent.requireCitations(),
				this.knowledge.minScore());
	}

	private static Map<String, Object> asResponse(String text) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("response", text);
		return result;
	}

	private static Map<String, Object> asResponse(String text, List<Citation> citations) {
		Map<String, Object> result = asResponse(text);
		result.put("citations", citations.stream().map(Citation::toMap).toList());
		return result;
	}

	private static AgentExecution execution(AuthPrincipal caller, RunCommand command, RunResult result) {
		return AgentExecution.of(result, command.agentId().toString(), command.agentName(), caller.tenantId(),
				command.task(), command.context());
	}

}
