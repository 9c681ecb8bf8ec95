package io.temponest.workers.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowStub;
import io.temponest.security.AuthPrincipal;
import io.temponest.workers.pipeline.PipelineInput;
import io.temponest.workers.pipeline.PipelineState;
import io.temponest.workers.pipeline.ProjectPipelineWorkflow;
import io.temponest.workers.registry.PipelineRegistry;
import io.temponest.workers.registry.PipelineRow;
import io.temponest.workers.temporal.TemporalProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Pipelines of the caller's tenant: start (one workflow per tenant and idempotency key:
 * the workflow id derives from both, and the row is unique on them), state, cancel, list.
 * A workflow of another tenant is not found.
 */
@Service
class Pipelines {

	static final String WORKFLOW_ID_PREFIX = "pipeline-";

	private static final Logger log = LoggerFactory.getLogger(Pipelines.class);

	private final PipelineRegistry registry;

	private final WorkflowClient client;

	private final TemporalProperties temporal;

	Pipelines(PipelineRegistry registry, WorkflowClient client, TemporalProperties temporal) {
		this.registry = registry;
		this.client = client;
		this.temporal = temporal;
	}

	/**
	 * Start a pipeline, or answer the tenant's pipeline of the same key. The row is
	 * committed first, then the workflow started outside any transaction (a start never
	 * holds a database connection while it waits for Temporal), then its run recorded. A
	 * row left without a run (Temporal unavailable, or the instance stopped in between)
	 * is started by the next call with the same key: the workflow id derives from tenant
	 * and key, and Temporal refuses a second workflow of that id, so it is never started
	 * twice.
	 */
	Started start(AuthPrincipal caller, StartPipelineRequest request) {
		UUID userId = caller.userUuid().orElseThrow(WorkflowProblems::userRequired);
		String key = (request.idempotencyKey() != null) ? request.idempotencyKey() : UUID.randomUUID().toString();
		String goal = (request.goal() != null) ? request.goal().strip() : "";
		String workflowId = workflowId(caller.tenantUuid(), key);
		PipelineRegistry.Registration registration = this.registry.register(caller.tenantUuid(), userId, key,
				workflowId, goal);
		PipelineRow row = registration.row();
		if (!registration.created() && row.runId() != null) {
			return new Started(new StartedWorkflow(row.workflowId(), row.runId(), row.status()), false);
		}
		WorkflowOptions options = WorkflowOptions.newBuilder()
			.setWorkflowId(workflowId)
			.setTaskQueue(this.temporal.taskQueue())
			.setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
			.build();
		ProjectPipelineWorkflow workflow = this.client.newWorkflowStub(ProjectPipelineWorkflow.class, options);
		PipelineInput input = new PipelineInput(row.goal(), request.context(), row.idempotencyKey(), caller.tenantId(),
				row.userId().toString(), null);
		String runId;
		try {
			runId = WorkflowClient.start(workflow::run, input).getRunId();
		}
		catch (WorkflowExecutionAlreadyStarted ex) {
			runId = ex.getExecution().getRunId();
		}
		catch (WorkflowServiceException | StatusRuntimeException ex) {
			log.warn("Could not start pipeline {}: {}", workflowId, ex.toString());
			throw WorkflowProblems.temporalUnavailable();
		}
		this.registry.started(workflowId, runId);
		return new Started(new StartedWorkflow(workflowId, runId, "running"), registration.created());
	}

	/** A pipeline's state: the workflow's answer, else its row's. */
	WorkflowView view(String workflowId) {
		PipelineRow row = this.registry.find(workflowId).orElseThrow(WorkflowProblems::notFound);
		try {
			PipelineState state = this.client.newWorkflowStub(ProjectPipelineWorkflow.class, workflowId).state();
			return new WorkflowView(row.workflowId(), row.runId(), row.goal(), state.status(), state.currentStep(),
					state.planSize(), state.executedTasks(), state.pendingApprovalIds(), state.reason(), true,
					row.createdAt(), row.finishedAt());
		}
		catch (WorkflowException | StatusRuntimeException ex) {
			log.debug("No state from workflow {}: {}", workflowId, ex.toString());
			return new WorkflowView(row.workflowId(), row.runId(), row.goal(), row.status(), null, 0, List.of(),
					List.of(), row.reason(), false, row.createdAt(), row.finishedAt());
		}
	}

	/** Ask a pipeline to cancel; it records {@code cancelled} when it has stopped. */
	StartedWorkflow cancel(AuthPrincipal caller, String workflowId) {
		PipelineRow row = this.registry.find(workflowId).orElseThrow(WorkflowProblems::notFound);
		boolean owner = caller.userUuid().map(row.userId()::equals).orElse(false);
		if (!owner && !caller.can("workflows:delete")) {
			throw WorkflowProblems.notYours();
		}
		if (!"running".equals(row.status())) {
			throw WorkflowProblems.alreadyFinished();
		}
		WorkflowStub stub = this.client.newUntypedWorkflowStub(workflowId);
		try {
			stub.cancel();
		}
		catch (WorkflowNotFoundException ex) {
			throw WorkflowProblems.alreadyFinished();
		}
		catch (WorkflowServiceException | StatusRuntimeException ex) {
			if (Status.fromThrowable(ex).getCode() == Status.Code.NOT_FOUND) {
				throw WorkflowProblems.alreadyFinished();
			}
			throw WorkflowProblems.temporalUnavailable();
		}
		return new StartedWorkflow(workflowId, row.runId(), "cancel_requested");
	}

	/** A page of the tenant's pipelines, newest first. */
	WorkflowPage list(@Nullable String cursor, @Nullable String status, int limit) {
		List<PipelineRow> rows = this.registry.page(decode(cursor), status, limit + 1);
		boolean more = rows.size() > limit;
		List<PipelineRow> page = more ? rows.subList(0, limit) : rows;
		String next = more ? encode(page.get(page.size() - 1)) : null;
		return new WorkflowPage(page.stream().map(WorkflowSummary::of).toList(), next);
	}

	static String workflowId(UUID tenantId, String key) {
		return WORKFLOW_ID_PREFIX + UUID.nameUUIDFromBytes((tenantId + "\n" + key).getBytes(StandardCharsets.UTF_8));
	}

	private static String encode(PipelineRow row) {
		String position = row.createdAt().getEpochSecond() + "." + row.createdAt().getNano() + "." + row.id();
		return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
	}

	private static PipelineRegistry.@Nullable Position decode(@Nullable String cursor) {
		if (cursor == null) {
			return null;
		}
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\.", 3);
			return new PipelineRegistry.Position(
					Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
					UUID.fromString(parts[2]));
		}
		catch (RuntimeException ex) {
			throw WorkflowProblems.badCursor();
		}
	}

	/**
	 * A start's outcome.
	 *
	 * @param workflow the pipeline
	 * @param created whether this call started it
	 */
	record Started(StartedWorkflow workflow, boolean created) {

	}

}
