package io.temponest.agents.department;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** What the department routes answer. */
final class DepartmentViews {

	private DepartmentViews() {
	}

	/**
	 * {@code GET /departments}.
	 *
	 * @param total how many departments
	 * @param departments the departments
	 */
	record DepartmentList(int total, List<DepartmentSummary> departments) {

	}

	/**
	 * A department in the list.
	 *
	 * @param id its id
	 * @param name its name
	 * @param description what it does
	 * @param parent its parent's id
	 * @param fullPath its full path
	 * @param agentsCount its agents
	 * @param workflowsCount its workflows
	 * @param subDepartments its sub-departments' ids
	 */
	record DepartmentSummary(String id, @Nullable String name, @Nullable String description, @Nullable String parent,
			String fullPath, int agentsCount, int workflowsCount, List<String> subDepartments) {

	}

	/**
	 * {@code GET /departments/{id}}.
	 *
	 * @param id its id
	 * @param name its name
	 * @param description what it does
	 * @param parent its parent's id
	 * @param fullPath its full path
	 * @param budget its informational limits
	 * @param agents its agents
	 * @param workflows its workflows
	 * @param subDepartments its sub-departments' ids
	 */
	record DepartmentDetail(String id, @Nullable String name, @Nullable String description, @Nullable String parent,
			String fullPath, Map<String, Object> budget, List<DepartmentAgentView> agents, List<WorkflowView> workflows,
			List<String> subDepartments) {

	}

	/**
	 * An agent of a department.
	 *
	 * @param id its id
	 * @param path its full path
	 * @param name its name
	 * @param role the built-in role it runs as
	 * @param responsibilities its brief
	 */
	record DepartmentAgentView(String id, String path, String name, String role, List<String> responsibilities) {

	}

	/**
	 * A workflow.
	 *
	 * @param id its id
	 * @param path its full path
	 * @param name its name
	 * @param description what it produces
	 * @param department its department's name
	 * @param trigger informational
	 * @param riskLevel low, medium or high
	 * @param stepsCount its steps
	 * @param steps its steps
	 */
	record WorkflowView(String id, String path, String name, @Nullable String description, String department,
			String trigger, String riskLevel, int stepsCount, List<WorkflowStepView> steps) {

	}

	/**
	 * A workflow step.
	 *
	 * @param agent the agent's full path
	 * @param role the role it runs as
	 * @param task its task
	 * @param approvalRequired informational
	 */
	record WorkflowStepView(String agent, String role, String task, boolean approvalRequired) {

	}

	/**
	 * {@code GET /departments/{id}/agents}.
	 *
	 * @param department the department
	 * @param total how many agents
	 * @param agents the paths of its agents and its sub-departments'
	 */
	record DepartmentAgents(String department, int total, List<String> agents) {

	}

	/**
	 * {@code GET /departments/workflows/all}.
	 *
	 * @param total how many workflows
	 * @param workflows the workflows
	 */
	record WorkflowList(int total, List<WorkflowView> workflows) {

	}

	/**
	 * {@code GET /departments/structure}.
	 *
	 * @param organization the root departments
	 */
	record DepartmentStructure(List<DepartmentNode> organization) {

	}

	/**
	 * A department in the tree.
	 *
	 * @param id its id
	 * @param name its name
	 * @param description what it does
	 * @param agentsCount its agents
	 * @param workflowsCount its workflows
	 * @param children its sub-departments
	 */
	record DepartmentNode(String id, @Nullable String name, @Nullable String description, int agentsCount,
			int workflowsCount, List<DepartmentNode> children) {

	}

}
