package io.temponest.agents.collaboration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.temponest.agents.agent.AgentSteps;
import io.temponest.agents.agent.AgentSteps.StepRun;
import io.temponest.agents.knowledge.ForwardedCredentials;
import io.temponest.security.AuthPrincipal;
import io.temponest.security.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Executes sessions on a bounded pool, off the request thread: each step runs one agent
 * through {@link AgentSteps} (the run endpoints' path) in the session's tenant and is
 * recorded before and after. Before a step starts the session is read again: a cancelled
 * session starts no further step. The first failing step (a provider failure, a budget
 * refusal) fails the session with its reason; steps of the same parallel batch that have
 * not started are skipped. The session is leased to this instance from the moment it is
 * stored until it ends ({@link SessionLeases}); a session another instance's sweep ended
 * (the lease ran out) starts no further step either.
 */
@Component
class SessionRunner implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(SessionRunner.class);

	private final ThreadPoolExecutor sessions;

	private final SessionStore store;

	private final AgentSteps steps;

	private final CollaborationMetrics metrics;

	private final SessionLeases leases;

	SessionRunner(SessionStore store, AgentSteps steps, CollaborationMetrics metrics, SessionLeases leases,
			CollaborationProperties properties) {
		this.store = store;
		this.steps = steps;
		this.metrics = metrics;
		this.leases = leases;
		this.sessions = new ThreadPoolExecutor(properties.maxRunningSessions(), properties.maxRunningSessions(), 0,
				TimeUnit.SECONDS, new LinkedBlockingQueue<>(Math.max(1, properties.queueCapacity())),
				Thread.ofVirtual().name("collaboration-", 0).factory());
	}

	/**
	 * Hand a session to the pool; its lease (taken when it was stored) is renewed while
	 * it waits and runs.
	 * @param job the session
	 * @throws RejectedExecutionException when the pool and its queue are full
	 */
	void submit(Job job) {
		this.leases.hold(job.sessionId());
		try {
			this.sessions.execute(() -> TenantScope.runAs(job.tenantId(), () -> execute(job)));
		}
		catch (RejectedExecutionException ex) {
			this.leases.release(job.sessionId());
			throw ex;
		}
	}

	@Override
	public void destroy() {
		this.sessions.shutdownNow();
	}

	private void execute(Job job) {
		this.metrics.started();
		long start = System.nanoTime();
		String status = "failed";
		try {
			this.store.started(job.tenantId(), job.sessionId(), this.leases.owner(), this.leases.lease());
			Map<String, Object> result = switch (job.plan().pattern()) {
				case SEQUENTIAL -> sequential(job);
				case PARALLEL -> parallel(job);
				case ITERATIVE -> iterative(job);
				case HIERARCHICAL -> hierarchical(job);
			};
			status = this.store.finish(job.tenantId(), job.sessionId(), "completed", result, null) ? "completed"
					: "cancelled";
		}
		catch (Cancelled ex) {
			status = "cancelled";
		}
		catch (StepFailed ex) {
			status = this.store.finish(job.tenantId(), job.sessionId(), "failed", null, ex.getMessage()) ? "failed"
					: "cancelled";
		}
		catch (RuntimeException ex) {
			log.error("Collaboration session {} failed unexpectedly", job.sessionId(), ex);
			status = finishQuietly(job, "The session failed unexpectedly") ? "failed" : "cancelled";
		}
		finally {
			this.leases.release(job.sessionId());
			this.metrics.finished(job.plan().pattern(), status, Duration.ofNanos(System.nanoTime() - start));
		}
	}

	private boolean finishQuietly(Job job, String error) {
		try {
			return this.store.finish(job.tenantId(), job.sessionId(), "failed", null, error);
		}
		catch (RuntimeException ex) {
			log.error("Collaboration session {} could not be marked failed", job.sessionId(), ex);
			return false;
		}
	}

	private Map<String, Object> sequential(Job job) {
		SessionPlan plan = job.plan();
		List<String[]> history = new ArrayList<>();
		StepRun last = null;
		for (int i = 0; i < plan.agents().size(); i++) {
			String agent = plan.agents().get(i);
			String input = plan.messageFor(i);
			if (!history.isEmpty()) {
				input = withWork(input,
						plan.passFullHistory() ? history : history.subList(history.size() - 1, history.size()));
			}
			last = step(job, agent, input, 1, job.positions().getAndIncrement());
			history.add(new String[] { agent, last.text() });
		}
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("final_output", (last != null) ? last.text() : "");
		result.put("steps_completed", history.size());
		return result;
	}

	private Map<String, Object> parallel(Job job) {
		SessionPlan plan = job.plan();
		List<String> inputs = new ArrayList<>();
		for (int i = 0; i < plan.agents().size(); i++) {
			inputs.add(plan.messageFor(i));
		}
		List<StepRun> runs = batch(job, plan.agents(), inputs);
		List<Map<String, Object>> outputs = new ArrayList<>();
		StringBuilder combined = new StringBuilder();
		for (int i = 0; i < runs.size(); i++) {
			Map<String, Object> output = new LinkedHashMap<>();
			output.put("agent", plan.agents().get(i));
			output.put("output", runs.get(i).text());
			outputs.add(output);
			combined.append("### ").append(plan.agents().get(i)).append("\n\n").append(runs.get(i).text().strip());
			combined.append("\n\n");
		}
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("outputs", outputs);
		if (!Boolean.FALSE.equals(plan.config().get("aggregate_results"))) {
			result.put("combined", combined.toString().strip());
		}
		return result;
	}

	private Map<String, Object> iterative(Job job) {
		SessionPlan plan = job.plan();
		String draft = null;
		String author = null;
		for (int round = 1; round <= plan.maxIterations(); round++) {
			for (String agent : plan.agents()) {
				String input = plan.initialMessage() + "\n\n"
						+ ((draft != null) ? "## Latest draft (by " + author + ")\n\n" + draft + "\n\n" : "")
						+ Conventions.DONE_RULE;
				StepRun run = step(job, agent, input, round, job.positions().getAndIncrement());
				draft = Conventions.withoutDone(run.text());
				author = agent;
				if (Conventions.done(run.text())) {
					return iterations(draft, round, true, agent);
				}
			}
		}
		return iterations((draft != null) ? draft : "", plan.maxIterations(), false, null);
	}

	private static Map<String, Object> iterations(String draft, int rounds, boolean converged, String concludedBy) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("final_output", draft);
		result.put("iterations", rounds);
		result.put("converged", converged);
		result.put("concluded_by", concludedBy);
		return result;
	}

	private Map<String, Object> hierarchical(Job job) {
		SessionPlan plan = job.plan();
		String lead = plan.agents().get(0);
		List<String> workers = plan.agents().subList(1, plan.agents().size());
		String goal = plan.initialMessage();
		StepRun planned = step(job, lead, "You lead a team on this goal:\n\n" + goal
				+ "\n\nSplit the work among these agents: " + String.join(", ", workers)
				+ ". Write one line per subtask in the form `<agent>: <subtask>`, using the agent names exactly as given.",
				1, job.positions().getAndIncrement());
		List<String> tasks = Conventions.assignments(planned.text(), workers, goal);
		List<String> inputs = tasks.stream().map((task) -> task + "\n\n## Overall goal\n\n" + goal).toList();
		List<StepRun> runs = batch(job, workers, inputs);
		List<String[]> work = new ArrayList<>();
		for (int i = 0; i < workers.size(); i++) {
			work.add(new String[] { workers.get(i), runs.get(i).text() });
		}
		StepRun summary = step(job, lead,
				withWork("Summarise your team's results into one answer to the goal:\n\n" + goal, work), 1,
				job.positions().getAndIncrement());
		List<Map<String, Object>> assignments = new ArrayList<>();
		for (int i = 0; i < workers.size(); i++) {
			Map<String, Object> assignment = new LinkedHashMap<>();
			assignment.put("agent", workers.get(i));
			assignment.put("task", tasks.get(i));
			assignments.add(assignment);
		}
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("plan", assignments);
		result.put("final_output", summary.text());
		return result;
	}

	/**
	 * Run steps at once, at most {@code max_concurrency} at a time; positions are taken
	 * in order first. The first failure fails the batch once the started steps have
	 * ended.
	 */
	private List<StepRun> batch(Job job, List<String> agents, List<String> inputs) {
		Semaphore permits = new Semaphore(job.plan().maxConcurrency());
		int base = job.positions().getAndAdd(agents.size());
		AtomicReference<RuntimeException> failure = new AtomicReference<>();
		List<Future<StepRun>> futures = new ArrayList<>();
		try (ExecutorService pool = Executors
			.newThreadPerTaskExecutor(Thread.ofVirtual().name("collaboration-step-", 0).factory())) {
			for (int i = 0; i < agents.size(); i++) {
				String agent = agents.get(i);
				String input = inputs.get(i);
				int position = base + i;
				futures.add(pool.submit(() -> {
					permits.acquire();
					try {
						if (failure.get() != null) {
							throw new Cancelled();
						}
						return TenantScope.callAs(job.tenantId(), () -> step(job, agent, input, 1, position));
					}
					catch (RuntimeException ex) {
						failure.compareAndSet(null, ex);
						throw ex;
					}
					finally {
						permits.release();
					}
				}));
			}
		}
		RuntimeException failed = failure.get();
		if (failed != null) {
			throw failed;
		}
		List<StepRun> runs = new ArrayList<>();
		for (Future<StepRun> future : futures) {
			try {
				runs.add(future.get());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new Cancelled();
			}
			catch (ExecutionException ex) {
				throw new IllegalStateException(ex.getCause());
			}
		}
		return runs;
	}

	private StepRun step(Job job, String agent, String input, int round, int position) {
		if (Thread.currentThread().isInterrupted() || !this.store.running(job.tenantId(), job.sessionId())) {
			throw new Cancelled();
		}
		UUID stepId = UUID.randomUUID();
		this.store.stepStarted(job.tenantId(), job.sessionId(), stepId, position, round, agent, input);
		try {
			StepRun run = this.steps.run(job.caller(), job.credentials(), agent, input, job.plan().context(),
					"collaboration:" + job.sessionId() + ":" + position, "collaboration:" + job.sessionId());
			this.store.stepCompleted(job.tenantId(), stepId, run);
			return run;
		}
		catch (RuntimeException ex) {
			String reason = reason(ex);
			if (!(ex instanceof ErrorResponseException)) {
				log.warn("Step {} of collaboration session {} failed", position, job.sessionId(), ex);
			}
			this.store.stepFailed(job.tenantId(), stepId, reason);
			throw new StepFailed("Step " + (position + 1) + " (" + agent + ") failed: " + reason);
		}
	}

	private static String reason(RuntimeException ex) {
		if (ex instanceof ErrorResponseException response && response.getBody().getDetail() != null) {
			return response.getBody().getDetail();
		}
		return "The run failed unexpectedly";
	}

	private static String withWork(String message, List<String[]> work) {
		StringBuilder text = new StringBuilder(message).append("\n\n## Work so far\n");
		for (String[] entry : work) {
			text.append("\n### ").append(entry[0]).append("\n\n").append(entry[1].strip()).append('\n');
		}
		return text.toString();
	}

	/**
	 * A session handed to the pool.
	 *
	 * @param sessionId the session
	 * @param tenantId its tenant
	 * @param caller who started it
	 * @param credentials the caller's credentials, for knowledge retrieval
	 * @param plan what to run
	 * @param positions the next step's position
	 */
	record Job(UUID sessionId, UUID tenantId, AuthPrincipal caller, ForwardedCredentials credentials, SessionPlan plan,
			AtomicInteger positions) {

	}

	/** The session was cancelled: no further step starts. */
	static final class Cancelled extends RuntimeException {

		private static final long serialVersionUID = 1L;

		Cancelled() {
			super("Cancelled", null, false, false);
		}

	}

	/** A step failed: the session fails with this message. */
	static final class StepFailed extends RuntimeException {

		private static final long serialVersionUID = 1L;

		StepFailed(String message) {
			super(message, null, false, false);
		}

	}

}
