package io.temponest.agents.department;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temponest.agents.collaboration.Collaboration;
import io.temponest.agents.collaboration.SessionView;
import io.temponest.agents.department.DepartmentViews.DepartmentAgents;
import io.temponest.agents.department.DepartmentViews.DepartmentAgentView;
import io.temponest.agents.department.DepartmentViews.DepartmentList;
import io.temponest.agents.department.DepartmentViews.DepartmentDetail;
import io.temponest.agents.department.DepartmentViews.DepartmentNode;
import io.temponest.agents.department.DepartmentViews.WorkflowStepView;
import io.temponest.agents.department.DepartmentViews.DepartmentStructure;
import io.temponest.agents.department.DepartmentViews.DepartmentSummary;
import io.temponest.agents.department.DepartmentViews.WorkflowView;
import io.temponest.agents.department.DepartmentViews.WorkflowList;
import io.temponest.agents.knowledge.ForwardedCredentials;
import io.temponest.security.AuthPrincipal;
import io.temponest.security.web.DomainException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /departments}: the organisation (list, one department, the tree, its agents, all
 * workflows) and runs of a workflow (a sequential collaboration session of its steps) or
 * of one department agent (a session of one step), both answered 202 with the session.
 */
@RestController
@RequestMapping("/departments")
@Tag(name = "departments")
class DepartmentController {

	private static final String READ = "hasAuthority('agents:read')";

	private static final String EXECUTE = "hasAuthority('agents:execute')";

	private final Organisation organisation;

	private final Collaboration collaboration;

	DepartmentController(Organisation organisation, Collaboration collaboration) {
		this.organisation = organisation;
		this.collaboration = collaboration;
	}

	@GetMapping
	@PreAuthorize(READ)
	@Operation(summary = "Every department, roots and sub-departments")
	DepartmentList list() {
		List<DepartmentSummary> departments = this.organisation.departments().stream().map(this::summary).toList();
		return new DepartmentList(departments.size(), departments);
	}

	@GetMapping("/structure")
	@PreAuthorize(READ)
	@Operation(summary = "The organisation as a tree from its root departments")
	DepartmentStructure structure() {
		return new DepartmentStructure(this.organisation.departments()
			.stream()
			.filter((department) -> department.spec().parent() == null)
			.map(this::node)
			.toList());
	}

	@GetMapping("/workflows/all")
	@PreAuthorize(READ)
	@Operation(summary = "Every workflow of every department")
	WorkflowList workflows() {
		List<WorkflowView> workflows = this.organisation.workflows().stream().map(this::workflow).toList();
		return new WorkflowList(workflows.size(), workflows);
	}

	@GetMapping("/{id}")
	@PreAuthorize(READ)
	@Operation(summary = "One department by id, with its agents and workflows (404 when there is none)")
	DepartmentDetail get(@PathVariable String id) {
		Organisation.Dept department = department(id);
		return new DepartmentDetail(department.id(), department.spec().name(), department.spec().description(),
				department.spec().parent(), department.path(),
				(department.spec().budget() != null) ? department.spec().budget() : Map.of(),
				this.organisation.agents()
					.stream()
					.filter((agent) -> agent.department().equals(department.id()))
					.map(DepartmentController::agent)
					.toList(),
				this.organisation.workflows()
					.stream()
					.filter((flow) -> flow.department().equals(department.id()))
					.map(this::workflow)
					.toList(),
				List.copyOf(department.children()));
	}

	@GetMapping("/{id}/agents")
	@PreAuthorize(READ)
	@Operation(summary = "The paths of a department's agents and of its sub-departments' agents (404 when there "
			+ "is no such department)")
	DepartmentAgents agents(@PathVariable String id) {
		Organisation.Dept department = department(id);
		List<String> paths = this.organisation.agents()
			.stream()
			.map(Organisation.Member::path)
			.filter((path) -> path.startsWith(department.path() + "."))
			.toList();
		return new DepartmentAgents(department.id(), paths.size(), paths);
	}

	@PostMapping("/workflows/execute")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@PreAuthorize(EXECUTE)
	@Operation(
			summary = "Run a workflow: its steps in order as a collaboration session, each agent given its brief, "
					+ "its task, the input and the previous step's output",
			responses = { @ApiResponse(responseCode = "202", description = "The session, running"),
					@ApiResponse(responseCode = "404", description = "No such workflow") })
	SessionView executeWorkflow(@AuthenticationPrincipal AuthPrincipal caller,
			@Valid @RequestBody WorkflowRunRequest request, HttpServletRequest servletRequest) {
		Organisation.Flow flow = this.organisation.workflow(request.workflowPath())
			.orElseThrow(() -> new NotFound("Workflow not found"));
		List<String> agents = new ArrayList<>();
		List<String> tasks = new ArrayList<>();
		for (Organisation.FlowStep step : flow.steps()) {
			agents.add(step.agent().role().slug());
			String task = (request.input() != null && !request.input().isBlank())
					? step.task() + "\n\n## Input\n\n" + request.input() : step.task();
			tasks.add(step.agent().brief(task));
		}
		Map<String, Object> context = context(request.context(), flow.department());
		context.put("workflow", flow.path());
		return this.collaboration.start(caller, ForwardedCredentials.of(servletRequest),
				this.collaboration.sequential(flow.name(), agents, tasks, context));
	}

	@PostMapping("/agents/execute")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@PreAuthorize(EXECUTE)
	@Operation(summary = "Run one department agent on a task, as a collaboration session of one step",
			responses = { @ApiResponse(responseCode = "202", description = "The session, running"),
					@ApiResponse(responseCode = "404", description = "No such agent") })
	SessionView executeAgent(@AuthenticationPrincipal AuthPrincipal caller,
			@Valid @RequestBody DepartmentAgentRunRequest request, HttpServletRequest servletRequest) {
		Organisation.Member agent = this.organisation.agent(request.agentPath())
			.orElseThrow(() -> new NotFound("Agent not found"));
		Map<String, Object> context = context(request.context(), agent.department());
		context.put("agent", agent.path());
		return this.collaboration.start(caller, ForwardedCredentials.of(servletRequest), this.collaboration
			.sequential(agent.name(), List.of(agent.role().slug()), List.of(agent.brief(request.task())), context));
	}

	private static Map<String, Object> context(Map<String, Object> given, String department) {
		Map<String, Object> context = new LinkedHashMap<>((given != null) ? given : Map.of());
		context.put("department", department);
		return context;
	}

	private Organisation.Dept department(String id) {
		return this.organisation.department(id).orElseThrow(() -> new NotFound("Department not found"));
	}

	private DepartmentSummary summary(Organisation.Dept department) {
		return new DepartmentSummary(department.id(), department.spec().name(), department.spec().description(),
				department.spec().parent(), department.path(), count(department.spec().agents()),
				count(department.spec().workflows()), List.copyOf(department.children()));
	}

	private DepartmentNode node(Organisation.Dept department) {
		return new DepartmentNode(department.id(), department.spec().name(), department.spec().description(),
				count(department.spec().agents()), count(department.spec().workflows()),
				department.children()
					.stream()
					.map((child) -> this.organisation.department(child).orElseThrow())
					.map(this::node)
					.toList());
	}

	private WorkflowView workflow(Organisation.Flow flow) {
		String department = this.organisation.department(flow.department())
			.map((dept) -> (dept.spec().name() != null) ? dept.spec().name() : dept.id())
			.orElse(flow.department());
		return new WorkflowView(flow.id(), flow.path(), flow.name(), flow.description(), department, flow.trigger(),
				flow.riskLevel(), flow.steps().size(),
				flow.steps()
					.stream()
					.map((step) -> new WorkflowStepView(step.agent().path(), step.agent().role().slug(), step.task(),
							step.approvalRequired()))
					.toList());
	}

	private static DepartmentAgentView agent(Organisation.Member member) {
		return new DepartmentAgentView(member.id(), member.path(), member.name(), member.role().slug(),
				member.responsibilities());
	}

	private static int count(List<?> items) {
		return (items != null) ? items.size() : 0;
	}

	/** No department, workflow or agent of that id or path. */
	static final class NotFound extends DomainException {

		private static final long serialVersionUID = 1L;

		NotFound(String detail) {
			super(HttpStatus.NOT_FOUND, detail);
		}

	}

}
