package io.temponest.agents.collaboration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import io.temponest.agents.agent.AgentSteps;
import io.temponest.agents.collaboration.CollaborationProblems.CollaborationBusyException;
import io.temponest.agents.collaboration.CollaborationProblems.InvalidCollaborationException;
import io.temponest.agents.collaboration.CollaborationProblems.SessionNotFoundException;
import io.temponest.agents.knowledge.ForwardedCredentials;
import io.temponest.security.AuthPrincipal;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * Collaboration sessions of the caller's tenant: validates a request into a plan (every
 * agent must answer to its name in the tenant), stores the session as {@code running},
 * leased to this instance, and hands it to the {@link SessionRunner}; reads, lists and
 * cancels sessions.
 */
@Service
public class Collaboration {

	private final SessionStore store;

	private final SessionRunner runner;

	private final AgentSteps agents;

	private final SessionLeases leases;

	private final CollaborationProperties properties;

	Collaboration(SessionStore store, SessionRunner runner, AgentSteps agents, SessionLeases leases,
			CollaborationProperties properties) {
		this.store = store;
		this.runner = runner;
		this.agents = agents;
		this.leases = leases;
		this.properties = properties;
	}

	/**
	 * Start a session: stored as {@code running}, executed off this thread.
	 * @param caller who starts it
	 * @param credentials the caller's credentials
	 * @param plan what to run (agents already resolved)
	 * @return the session as stored
	 */
	public SessionView start(AuthPrincipal caller, ForwardedCredentials credentials, SessionPlan plan) {
		UUID id = UUID.randomUUID();
		UUID tenant = caller.tenantUuid();
		SessionView session = this.store.create(tenant, caller.userUuid().orElse(null), id, plan, this.leases.owner(),
				this.leases.lease());
		try {
			this.runner.submit(new SessionRunner.Job(id, tenant, caller, credentials, plan, new AtomicInteger()));
		}
		catch (RejectedExecutionException ex) {
			this.store.finish(tenant, id, "failed", null, "Too many collaboration sessions were running");
			throw new CollaborationBusyException();
		}
		return session;
	}

	/**
	 * A sequential plan of given steps (a department workflow), each agent already
	 * resolved.
	 * @param name the session's label
	 * @param agents the agents, in order
	 * @param tasks one task per agent
	 * @param context passed to every step
	 * @return the plan
	 */
	public SessionPlan sequential(String name, List<String> agents, List<String> tasks, Map<String, Object> context) {
		return new SessionPlan(CollaborationPattern.SEQUENTIAL, name, agents, tasks.get(0), tasks, false,
				this.properties.maxIterations(), this.properties.maxParallelSteps(), Map.of("pass_full_history", false),
				context);
	}

	SessionView get(AuthPrincipal caller, UUID id) {
		return this.store.get(caller.tenantUuid(), id).orElseThrow(SessionNotFoundException::new);
	}

	List<SessionView> list(AuthPrincipal caller, @Nullable String pattern, @Nullable String status, int offset,
			int limit) {
		return this.store.list(caller.tenantUuid(), pattern, status, offset, limit);
	}

	SessionView cancel(AuthPrincipal caller, UUID id) {
		return this.store.cancel(caller.tenantUuid(), id).orElseThrow(SessionNotFoundException::new);
	}

	/** The plan of a request, or 422 naming what is wrong. */
	SessionPlan plan(CollaborationRequest request) {
		CollaborationPattern pattern = CollaborationPattern.of(request.pattern())
			.orElseThrow(() -> new InvalidCollaborationException(
					"pattern must be sequential, parallel, iterative or hierarchical"));
		Map<String, Object> config = (request.config() != null) ? request.config() : Map.of();
		Map<String, Object> context = (request.context() != null) ? request.context() : Map.of();
		List<String> names = new ArrayList<>();
		String goal;
		List<String> messages = null;
		if (pattern == CollaborationPattern.HIERARCHICAL) {
			require(request.coordinatorId() != null, "coordinator_id is required by the hierarchical pattern");
			require(request.workerIds() != null && !request.workerIds().isEmpty(),
					"worker_ids must name at least one agent");
			goal = (request.task() != null) ? request.task() : request.initialMessage();
			names.add(request.coordinatorId());
			names.addAll(request.workerIds());
		}
		else {
			require(request.agentIds() != null && !request.agentIds().isEmpty(),
					"agent_ids must name at least one agent");
			names.addAll(request.agentIds());
			goal = request.initialMessage();
			if (request.messages() != null && !request.messages().isEmpty()) {
				require(pattern != CollaborationPattern.ITERATIVE,
						"messages are not taken by the iterative pattern: give initial_message");
				require(request.messages().size() == names.size(), "messages must have one message per agent");
				messages = request.messages();
				if (goal == null) {
					goal = messages.get(0);
				}
			}
		}
		require(goal != null && !goal.isBlank(), (pattern == CollaborationPattern.HIERARCHICAL)
				? "task is required by the hierarchical pattern" : "initial_message is required");
		require(names.size() <= this.properties.maxAgents(),
				"at most " + this.properties.maxAgents() + " agents may work in one session");
		List<String> resolved = new ArrayList<>();
		for (int i = 0; i < names.size(); i++) {
			String field = (pattern != CollaborationPattern.HIERARCHICAL) ? "agent_ids[" + i + "]"
					: (i == 0) ? "coordinator_id" : "worker_ids[" + (i - 1) + "]";
			resolved.add(this.agents.resolve(names.get(i))
				.orElseThrow(() -> new InvalidCollaborationException(
						field + " names no agent: give a built-in role's name or the id of one of your agents")));
		}
		boolean history = flag(config, "pass_full_history", true);
		int iterations = number(config, "max_iterations", Math.min(5, this.properties.maxIterations()), 1,
				this.properties.maxIterations());
		int concurrency = number(config, "max_concurrency", this.properties.maxParallelSteps(), 1,
				this.properties.maxParallelSteps());
		return new SessionPlan(pattern, request.name(), resolved, goal, messages, history, iterations, concurrency,
				new LinkedHashMap<>(config), context);
	}

	private static boolean flag(Map<String, Object> config, String key, boolean otherwise) {
		Object value = config.get(key);
		if (value == null) {
			return otherwise;
		}
		require(value instanceof Boolean, "config." + key + " must be true or false");
		return (Boolean) value;
	}

	private static int number(Map<String, Object> config, String key, int otherwise, int min, int max) {
		Object value = config.get(key);
		if (value == null) {
			return otherwise;
		}
		boolean whole = value instanceof Integer || value instanceof Long;
		require(whole && ((Number) value).longValue() >= min && ((Number) value).longValue() <= max,
				"config." + key + " must be a whole number from " + min + " to " + max);
		return ((Number) value).intValue();
	}

	private static void require(boolean condition, String detail) {
		if (!condition) {
			throw new InvalidCollaborationException(detail);
		}
	}

}
