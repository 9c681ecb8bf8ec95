package io.temponest.agents.department;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The organisation file as written (snake_case keys): departments, their agents and
 * workflows.
 *
 * @param departments the departments
 */
record OrganisationFile(@Nullable List<Department> departments) {

	/**
	 * A department.
	 *
	 * @param id its id (lower case, digits and underscores)
	 * @param name its name
	 * @param description what it does
	 * @param parent its parent's id, or none for a root
	 * @param budget informational limits
	 * @param agents its agents
	 * @param workflows its workflows
	 */
	record Department(@Nullable String id, @Nullable String name, @Nullable String description, @Nullable String parent,
			@Nullable Map<String, Object> budget, @Nullable List<Agent> agents, @Nullable List<Workflow> workflows) {

	}

	/**
	 * An agent: a built-in role with a name and a brief.
	 *
	 * @param id its id in the department
	 * @param name its name
	 * @param role the built-in role it runs as
	 * @param responsibilities its brief
	 */
	record Agent(@Nullable String id, @Nullable String name, @Nullable String role,
			@Nullable List<String> responsibilities) {

	}

	/**
	 * A workflow: steps run in order.
	 *
	 * @param id its id in the department
	 * @param name its name
	 * @param description what it produces
	 * @param trigger informational: manual, schedule…
	 * @param riskLevel low, medium or high
	 * @param steps its steps
	 */
	record Workflow(@Nullable String id, @Nullable String name, @Nullable String description, @Nullable String trigger,
			@Nullable String riskLevel, @Nullable List<Step> steps) {

	}

	/**
	 * A step of a workflow.
	 *
	 * @param agent the agent: an id in the workflow's department or a parent, or a full
	 * path
	 * @param task what it does
	 * @param approvalRequired informational: whether a person should approve the output
	 */
	record Step(@Nullable String agent, @Nullable String task, @Nullable Boolean approvalRequired) {

	}

}
