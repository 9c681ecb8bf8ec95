package io.temponest.agents.department;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.temponest.agents.agent.AgentSteps;
import io.temponest.agents.role.AgentRole;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.Resource;

/**
 * The organisation, read and checked once: departments form a tree (full paths join the
 * ids from the root with dots), every agent is a built-in role, every workflow step names
 * an agent found relative to the workflow's department, then to each of its parents, then
 * as a full path. Anything wrong stops the service with a message naming the file, the
 * department and the entry.
 */
public final class Organisation {

	private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]{0,62}");

	private static final Set<String> RISK_LEVELS = Set.of("low", "medium", "high");

	private final Map<String, Dept> departments;

	private final Map<String, Member> agents;

	private final Map<String, Flow> workflows;

	private Organisation(Map<String, Dept> departments, Map<String, Member> agents, Map<String, Flow> workflows) {
		this.departments = departments;
		this.agents = agents;
		this.workflows = workflows;
	}

	/**
	 * Read and check an organisation file.
	 * @param resource the YAML file
	 * @return the organisation
	 * @throws IllegalStateException when it cannot be read or is wrong
	 */
	public static Organisation load(Resource resource) {
		String source = resource.getDescription();
		Object tree;
		try (InputStream in = resource.getInputStream()) {
			tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalStateException("The organisation file " + source + " cannot be read: " + ex.getMessage(),
					ex);
		}
		OrganisationFile file;
		try {
			file = JsonMapper.builder()
				.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
				.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
				.build()
				.convertValue((tree != null) ? tree : Map.of(), OrganisationFile.class);
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("The organisation file " + source + " is not valid: " + ex.getMessage(),
					ex);
		}
		return of(file, source);
	}

	static Organisation of(OrganisationFile file, String source) {
		Checker check = new Checker(source);
		List<OrganisationFile.Department> declared = (file.departments() != null) ? file.departments() : List.of();
		Map<String, OrganisationFile.Department> byId = new LinkedHashMap<>();
		for (OrganisationFile.Department department : declared) {
			String id = check.id(department.id(), "a department");
			check.that(byId.put(id, department) == null, "department '" + id + "' is declared twice");
			check.that(department.name() != null && !department.name().isBlank(),
					"department '" + id + "' has no name");
		}
		Map<String, Dept> departments = new LinkedHashMap<>();
		for (String id : byId.keySet()) {
			departments.put(id, new Dept(id, byId.get(id), path(id, byId, check), new ArrayList<>()));
		}
		for (Dept department : departments.values()) {
			String parent = department.spec().parent();
			if (parent != null) {
				departments.get(parent).children().add(department.id());
			}
		}
		Map<String, Member> agents = new LinkedHashMap<>();
		for (Dept department : departments.values()) {
			List<OrganisationFile.Agent> declaredAgents = (department.spec().agents() != null)
					? department.spec().agents() : List.of();
			for (OrganisationFile.Agent agent : declaredAgents) {
				String where = "department '" + department.id() + "'";
				String id = check.id(agent.id(), "an agent of " + where);
				AgentRole role = AgentSteps.role(agent.role())
					.orElseThrow(() -> check.failure(where + ", agent '" + id + "': unknown role '" + agent.role()
							+ "' (one of " + String.join(", ", roles()) + ")"));
				String path = department.path() + "." + id;
				check.that(
						agents.put(path,
								new Member(path, id, department.id(), (agent.name() != null) ? agent.name() : id, role,
										(agent.responsibilities() != null) ? List.copyOf(agent.responsibilities())
												: List.of())) == null,
						where + ": agent '" + id + "' is declared twice");
			}
		}
		Map<String, Flow> workflows = new LinkedHashMap<>();
		for (Dept department : departments.values()) {
			List<OrganisationFile.Workflow> declaredFlows = (department.spec().workflows() != null)
					? department.spec().workflows() : List.of();
			for (OrganisationFile.Workflow workflow : declaredFlows) {
				String where = "department '" + department.id() + "'";
				String id = check.id(workflow.id(), "a workflow of " + where);
				String risk = (workflow.riskLevel() != null) ? workflow.riskLevel() : "medium";
				check.that(RISK_LEVELS.contains(risk),
						where + ", workflow '" + id + "': risk_level must be low, medium or high");
				List<OrganisationFile.Step> declaredSteps = (workflow.steps() != null) ? workflow.steps() : List.of();
				check.that(!declaredSteps.isEmpty(), where + ", workflow '" + id + "' has no steps");
				List<FlowStep> steps = new ArrayList<>();
				for (int i = 0; i < declaredSteps.size(); i++) {
					OrganisationFile.Step step = declaredSteps.get(i);
					String at = where + ", workflow '" + id + "', step " + (i + 1);
					check.that(step.task() != null && !step.task().isBlank(), at + " has no task");
					Member member = find(step.agent(), department, departments, agents)
						.orElseThrow(() -> check.failure(at + ": unknown agent '" + step.agent() + "'"));
					steps.add(new FlowStep(member, step.task(), Boolean.TRUE.equals(step.approvalRequired())));
				}
				String path = department.path() + "." + id;
				check.that(workflows.put(path,
						new Flow(path, id, department.id(), (workflow.name() != null) ? workflow.name() : id,
								workflow.description(), (workflow.trigger() != null) ? workflow.trigger() : "manual",
								risk, List.copyOf(steps))) == null,
						where + ": workflow '" + id + "' is declared twice");
			}
		}
		return new Organisation(departments, agents, workflows);
	}

	private static List<String> roles() {
		List<String> names = new ArrayList<>();
		for (AgentRole role : AgentRole.values()) {
			names.add(role.slug());
		}
		return names;
	}

	/** The full path of a department, checking its parents exist and form no cycle. */
	private static String path(String id, Map<String, OrganisationFile.Department> byId, Checker check) {
		List<String> ids = new ArrayList<>();
		Set<String> seen = new LinkedHashSet<>();
		String current = id;
		while (current != null) {
			check.that(seen.add(current), "department '" + id + "' is its own ancestor");
			OrganisationFile.Department department = byId.get(current);
			if (department == null) {
				throw check.failure("department '" + ids.get(0) + "' names an unknown parent '" + current + "'");
			}
			ids.add(0, current);
			current = department.parent();
		}
		return String.join(".", ids);
	}

	private static Optional<Member> find(@Nullable String reference, Dept department, Map<String, Dept> departments,
			Map<String, Member> agents) {
		if (reference == null || reference.isBlank()) {
			return Optional.empty();
		}
		Dept scope = department;
		while (scope != null) {
			Member member = agents.get(scope.path() + "." + reference);
			if (member != null) {
				return Optional.of(member);
			}
			String parent = scope.spec().parent();
			scope = (parent != null) ? departments.get(parent) : null;
		}
		return Optional.ofNullable(agents.get(reference));
	}

	Optional<Dept> department(String id) {
		return Optional.ofNullable(this.departments.get(id));
	}

	List<Dept> departments() {
		return List.copyOf(this.departments.values());
	}

	Optional<Member> agent(String path) {
		return Optional.ofNullable(this.agents.get(path));
	}

	List<Member> agents() {
		return List.copyOf(this.agents.values());
	}

	Optional<Flow> workflow(String path) {
		return Optional.ofNullable(this.workflows.get(path));
	}

	List<Flow> workflows() {
		return List.copyOf(this.workflows.values());
	}

	/**
	 * A department.
	 *
	 * @param id its id
	 * @param spec as written
	 * @param path its full path
	 * @param children its sub-departments' ids
	 */
	record Dept(String id, OrganisationFile.Department spec, String path, List<String> children) {

	}

	/**
	 * An agent of a department.
	 *
	 * @param path its full path
	 * @param id its id
	 * @param department its department's id
	 * @param name its name
	 * @param role the role it runs as
	 * @param responsibilities its brief
	 */
	record Member(String path, String id, String department, String name, AgentRole role,
			List<String> responsibilities) {

		/** The agent's brief followed by the task: what its step is given. */
		String brief(String task) {
			StringBuilder text = new StringBuilder("You are ").append(this.name)
				.append(" in the ")
				.append(this.department)
				.append(" department.");
			if (!this.responsibilities.isEmpty()) {
				text.append(" Your responsibilities:\n");
				this.responsibilities.forEach((item) -> text.append("- ").append(item).append('\n'));
			}
			return text.append("\n").append(task).toString();
		}

	}

	/**
	 * A workflow.
	 *
	 * @param path its full path
	 * @param id its id
	 * @param department its department's id
	 * @param name its name
	 * @param description what it produces
	 * @param trigger informational
	 * @param riskLevel low, medium or high
	 * @param steps its steps
	 */
	record Flow(String path, String id, String department, String name, @Nullable String description, String trigger,
			String riskLevel, List<FlowStep> steps) {

	}

	/**
	 * A workflow step.
	 *
	 * @param agent its agent
	 * @param task its task
	 * @param approvalRequired informational
	 */
	record FlowStep(Member agent, String task, boolean approvalRequired) {

	}

	/** Fails loading with a message naming the file. */
	private record Checker(String source) {

		String id(@Nullable String id, String what) {
			that(id != null && ID.matcher(id).matches(),
					what + " has a missing or bad id '" + id + "' (lower case letters, digits and _)");
			return id;
		}

		void that(boolean condition, String message) {
			if (!condition) {
				throw failure(message);
			}
		}

		IllegalStateException failure(String message) {
			return new IllegalStateException("Organisation file " + this.source + ": " + message);
		}

	}

}
