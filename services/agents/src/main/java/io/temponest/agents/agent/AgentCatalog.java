package io.temponest.agents.agent;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.temponest.agents.llm.LlmProvider;
import io.temponest.agents.llm.ModelChoice;
import io.temponest.agents.role.AgentRole;
import io.temponest.agents.run.RoleModels;
import io.temponest.security.AuthPrincipal;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The agents a tenant can run: the seven built-in roles, listed first, then the tenant's
 * own agents, oldest first. Built-in roles are read-only.
 */
@Service
@Transactional
class AgentCatalog {

	/** When the built-in roles came to be, as their {@code created_at}. */
	static final Instant BUILT_IN_SINCE = Instant.parse("2026-01-01T00:00:00Z");

	private static final String COLUMNS = """
			id, version, tenant_id, name, description, provider, model, system_prompt, tools::text,
			rag_collection_ids::text, require_citations, max_iterations, temperature, metadata::text, created_by, created_at, updated_at
			""";

	/**
	 * The tenant's agents whose name or description contain {@code :pattern}, or all of
	 * them.
	 */
	private static final String MATCHING = """
			WHERE CAST(:pattern AS text) IS NULL OR name ILIKE :pattern OR description ILIKE :pattern""";

	private static final TypeReference<List<Object>> LIST = new TypeReference<>() {
	};

	private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
	};

	private final AgentRepository repository;

	private final JdbcClient jdbc;

	private final RoleModels models;

	private final JsonMapper json;

	private final Clock clock;

	AgentCatalog(AgentRepository repository, JdbcClient jdbc, RoleModels models, JsonMapper json, Clock clock) {
		this.repository = repository;
		this.jdbc = jdbc;
		this.models = models;
		this.json = json;
		this.clock = clock;
	}

	/** A page of agents and how many match. */
	record Page(List<AgentView> agents, long total) {

	}

	@Transactional(readOnly = true)
	Page list(AuthPrincipal caller, @Nullable String search, long offset, int limit) {
		List<AgentView> builtIns = builtIns(caller, search);
		List<AgentView> page = new ArrayList<>(builtIns.subList((int) Math.min(offset, builtIns.size()),
				(int) Math.min(offset + limit, builtIns.size())));
		String pattern = (search != null) ? "%" + escapeLike(search) + "%" : null;
		long own = this.jdbc.sql("SELECT count(*) FROM agents.agents " + MATCHING)
			.param("pattern", pattern, Types.VARCHAR)
			.query(Long.class)
			.single();
		if (page.size() < limit && own > 0) {
			this.jdbc
				.sql("SELECT " + COLUMNS + " FROM agents.agents " + MATCHING
						+ " ORDER BY created_at, id LIMIT :limit OFFSET :offset")
				.param("pattern", pattern, Types.VARCHAR)
				.param("limit", limit - page.size())
				.param("offset", Math.max(0, offset - builtIns.size()))
				.query(AgentCatalog::entity)
				.stream()
				.map(this::view)
				.forEach(page::add);
		}
		return new Page(page, builtIns.size() + own);
	}

	private static AgentEntity entity(ResultSet rs, int row) throws SQLException {
		return new AgentEntity(rs.getObject("id", UUID.class), rs.getLong("version"),
				rs.getObject("tenant_id", UUID.class), rs.getString("name"), rs.getString("description"),
				rs.getString("provider"), rs.getString("model"), rs.getString("system_prompt"),
				new JsonColumn(rs.getString("tools")), new JsonColumn(rs.getString("rag_collection_ids")),
				rs.getBoolean("require_citations"), rs.getInt("max_iterations"), rs.getDouble("temperature"),
				new JsonColumn(rs.getString("metadata")), rs.getObject("created_by", UUID.class),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
	}

	@Transactional(readOnly = true)
	AgentView get(AuthPrincipal caller, UUID id) {
		Optional<AgentRole> role = AgentRole.ofId(id);
		if (role.isPresent()) {
			return builtIn(caller, role.get());
		}
		return this.repository.findById(id).map(this::view).orElseThrow(AgentNotFoundException::new);
	}

	/** The agent to run, built-in or the tenant's. */
	sealed interface RunTarget {

	}

	record BuiltIn(AgentRole role, ModelChoice model) implements RunTarget {

	}

	record Own(AgentEntity agent, ModelChoice model) implements RunTarget {

	}

	@Transactional(readOnly = true)
	RunTarget runnable(UUID id) {
		Optional<AgentRole> role = AgentRole.ofId(id);
		if (role.isPresent()) {
			return new BuiltIn(role.get(), this.models.modelFor(role.get()));
		}
		AgentEntity agent = this.repository.findById(id).orElseThrow(AgentNotFoundException::new);
		return new Own(agent, new ModelChoice(provider(agent.provider()), agent.model()));
	}

	AgentView create(AuthPrincipal caller, AgentRequest request) {
		Instant now = this.clock.instant();
		String provider = (request.provider() != null) ? request.provider() : LlmProvider.OLLAMA.id();
		AgentEntity saved = this.repository.save(new AgentEntity(UUID.randomUUID(), null, caller.tenantUuid(),
				request.name().strip(), request.description(), provider(provider).id(), request.model().strip(),
				request.systemPrompt(), jsonColumn(orEmpty(request.tools())),
				jsonColumn(orEmpty(request.ragCollectionIds())), Boolean.TRUE.equals(request.requireCitations()),
				(request.maxIterations() != null) ? request.maxIterations() : 10,
				(request.temperature() != null) ? request.temperature() : 0.7,
				jsonColumn((request.metadata() != null) ? request.metadata() : Map.of()),
				caller.userUuid().orElse(null), now, now));
		return view(saved);
	}

	AgentView update(UUID id, AgentPatch patch) {
		if (AgentRole.ofId(id).isPresent()) {
			throw new BuiltInAgentException();
		}
		AgentEntity current = this.repository.findById(id).orElseThrow(AgentNotFoundException::new);
		AgentEntity changed = new AgentEntity(current.id(), current.version(), current.tenantId(),
				(patch.name() != null) ? patch.name().strip() : current.name(),
				(patch.description() != null) ? patch.description() : current.description(),
				(patch.provider() != null) ? provider(patch.provider()).id() : current.provider(),
				(patch.model() != null) ? patch.model().strip() : current.model(),
				(patch.systemPrompt() != null) ? patch.systemPrompt() : current.systemPrompt(),
				(patch.tools() != null) ? jsonColumn(patch.tools()) : current.tools(),
				(patch.ragCollectionIds() != null) ? jsonColumn(patch.ragCollectionIds()) : current.ragCollectionIds(),
				(patch.requireCitations() != null) ? patch.requireCitations() : current.requireCitations(),
				(patch.maxIterations() != null) ? patch.maxIterations() : current.maxIterations(),
				(patch.temperature() != null) ? patch.temperature() : current.temperature(),
				(patch.metadata() != null) ? jsonColumn(patch.metadata()) : current.metadata(), current.createdBy(),
				current.createdAt(), this.clock.instant());
		return view(this.repository.save(changed));
	}

	void delete(UUID id) {
		if (AgentRole.ofId(id).isPresent()) {
			throw new BuiltInAgentException();
		}
		if (!this.repository.existsById(id)) {
			throw new AgentNotFoundException();
		}
		this.repository.deleteById(id);
	}

	private List<AgentView> builtIns(AuthPrincipal caller, @Nullable String search) {
		String needle = (search != null) ? search.toLowerCase(Locale.ROOT) : null;
		List<AgentView> views = new ArrayList<>();
		for (AgentRole role : AgentRole.values()) {
			if (needle == null || role.slug().contains(needle)
					|| role.description().toLowerCase(Locale.ROOT).contains(needle)) {
				views.add(builtIn(caller, role));
			}
		}
		return views;
	}

	private AgentView builtIn(AuthPrincipal caller, AgentRole role) {
		ModelChoice model = this.models.modelFor(role);
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("display_name", role.displayName());
		metadata.put("run_path", "/" + role.slug() + "/run");
		return new AgentView(role.id().toString(), caller.tenantId(), role.slug(), role.description(), model.model(),
				model.provider().id(), null, List.of(), List.of(), false, 1, role.temperature(), metadata, true,
				BUILT_IN_SINCE, BUILT_IN_SINCE);
	}

	private AgentView view(AgentEntity agent) {
		return new AgentView(String.valueOf(agent.id()), agent.tenantId().toString(), agent.name(), agent.description(),
				agent.model(), agent.provider(), agent.systemPrompt(), this.json.readValue(agent.tools().json(), LIST),
				this.json.readValue(agent.ragCollectionIds().json(), LIST), agent.requireCitations(),
				agent.maxIterations(), agent.temperature(), this.json.readValue(agent.metadata().json(), OBJECT), false,
				agent.createdAt(), agent.updatedAt());
	}

	private JsonColumn jsonColumn(Object value) {
		return new JsonColumn(this.json.writeValueAsString(value));
	}

	private static List<String> orEmpty(@Nullable List<String> values) {
		return (values != null) ? values : List.of();
	}

	private static LlmProvider provider(String name) {
		return LlmProvider.of(name).orElseThrow(UnknownProviderException::new);
	}

	private static String escapeLike(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

}
