package io.temponest.bench.fault;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load client of bench/fault-campaign.sh. {@code load}: registers and logs in N
 * users, prints {@code LOAD started t0=<epoch ms>}, then for the given duration sends
 * requests at a fixed rate, in turn {@code GET /auth/me}, {@code POST /auth/refresh}
 * (with the user's newest refresh token; a 401 marks the user logged out, who then
 * refreshes no more) and {@code GET /schedules} on the scheduler, plus optional
 * {@code POST /auth/register} of new accounts spread over the first
 * {@code --register-over} seconds; an access token answered 401 is refreshed at once, as
 * a client would. Every request is one tab-separated line of the output file:
 * {@code epoch_ms endpoint status latency_ms user error} (status 0: no HTTP answer).
 * {@code check-accounts}: logs in every account of a file of e-mail addresses and prints
 * one {@code ACCOUNTS checked=… ok=… lost=…} line. Requests run on virtual threads and
 * time out after 10 s. {@code --duration} is the longest run; {@code --stop-file} ends it
 * earlier, within a second of the file appearing.
 */
public final class FaultLoad {

	private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

	private static final Pattern REFRESH_TOKEN = Pattern.compile("\"refresh_token\"\\s*:\\s*\"([^\"]+)\"");

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

	private final HttpClient client;

	private final URI auth;

	private final URI scheduler;

	private final String password;

	private final BufferedWriter out;

	FaultLoad(HttpClient client, URI auth, URI scheduler, String password, BufferedWriter out) {
		this.client = client;
		this.auth = auth;
		this.scheduler = scheduler;
		this.password = password;
		this.out = out;
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 0) {
			System.err.println("Usage: fault-load.jar load|check-accounts --key value ...");
			System.exit(64);
		}
		Map<String, String> options = options(args);
		URI auth = URI.create(options.getOrDefault("auth", "http://127.0.0.1:9002"));
		URI scheduler = URI.create(options.getOrDefault("scheduler", "http://127.0.0.1:9003"));
		String password = options.getOrDefault("password", "FaultCampaign123");
		Path outFile = Path.of(options.getOrDefault("out", "requests.tsv"));
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
				HttpClient client = HttpClient.newBuilder()
					.version(HttpClient.Version.HTTP_1_1)
					.connectTimeout(Duration.ofSeconds(2))
					.executor(executor)
					.build();
				BufferedWriter out = Files.newBufferedWriter(outFile, StandardCharsets.UTF_8)) {
			FaultLoad load = new FaultLoad(client, auth, scheduler, password, out);
			int status = switch (args[0]) {
				case "load" -> load.load(options);
				case "check-accounts" -> load.checkAccounts(Path.of(options.get("emails")));
				default -> {
					System.err.println("Unknown command: " + args[0]);
					yield 64;
				}
			};
			out.flush();
			System.out.flush();
			System.exit(status);
		}
	}

	/**
	 * The {@code --key value} pairs after the command.
	 * @param args the command line
	 * @return the options by key
	 */
	static Map<String, String> options(String[] args) {
		Map<String, String> options = new HashMap<>();
		for (int i = 1; i + 1 < args.length; i += 2) {
			if (!args[i].startsWith("--")) {
				throw new IllegalArgumentException("Not an option: " + args[i]);
			}
			options.put(args[i].substring(2), args[i + 1]);
		}
		return options;
	}

	/**
	 * The value of a string field of a JSON object, without a JSON library.
	 * @param pattern {@link #ACCESS_TOKEN} or {@link #REFRESH_TOKEN}
	 * @param body the JSON
	 * @return the value, or null
	 */
	static String field(Pattern pattern, String body) {
		Matcher matcher = pattern.matcher(body);
		return matcher.find() ? matcher.group(1) : null;
	}

	private int load(Map<String, String> options) throws InterruptedException {
		int userCount = Integer.parseInt(options.getOrDefault("users", "20"));
		int rate = Integer.parseInt(options.getOrDefault("rate", "20"));
		int duration = Integer.parseInt(options.getOrDefault("duration", "30"));
		int registrations = Integer.parseInt(options.getOrDefault("register", "0"));
		int registerOver = Integer.parseInt(options.getOrDefault("register-over", String.valueOf(duration)));
		String prefix = options.getOrDefault("prefix", "fault-" + System.currentTimeMillis());
		Path stopFile = options.containsKey("stop-file") ? Path.of(options.get("stop-file")) : null;
		long setupStart = System.currentTimeMillis();
		List<User> users = new ArrayList<>();
		AtomicInteger failed = new AtomicInteger();
		// Two sign-ups at a time: the service sheds password hashing beyond its cores
		// with 503.
		Semaphore slots = new Semaphore(2);
		try (ExecutorService setup = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < userCount; i++) {
				User user = new User(prefix + "-u" + i + "@example.com");
				users.add(user);
				setup.submit(() -> {
					slots.acquireUninterruptibly();
					try {
						if (!signUp(user)) {
							failed.incrementAndGet();
						}
					}
					finally {
						slots.release();
					}
				});
			}
		}
		if (failed.get() > 0) {
			System.out.println("LOAD setup failed: " + failed.get() + " of " + userCount + " users");
			return 2;
		}
		long t0 = System.currentTimeMillis();
		System.out.println("LOAD started t0=" + t0 + " setup_ms=" + (t0 - setupStart) + " users=" + userCount + " rate="
				+ rate + " duration=" + duration);
		long total = (long) rate * duration;
		long period = 1_000_000_000L / rate;
		long every = (registrations > 0) ? Math.max(1, (long) rate * registerOver / registrations) : 0;
		int registered = 0;
		long start = System.nanoTime();
		try (ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
			for (long i = 0; i < total; i++) {
				if (stopFile != null && i % rate == 0 && Files.exists(stopFile)) {
					break;
				}
				long wait = start + i * period - System.nanoTime();
				if (wait > 0) {
					LockSupport.parkNanos(wait);
				}
				User user = users.get((int) ((i / 3) % userCount));
				long kind = i % 3;
				requests.submit(() -> {
					if (kind == 0) {
						me(user);
					}
					else if (kind == 1) {
						refresh(user);
					}
					else {
						schedules(user);
					}
				});
				if (every > 0 && i % every == 0 && registered < registrations) {
					String email = prefix + "-r" + registered + "@example.com";
					registered++;
					requests.submit(() -> register(email, "register"));
				}
			}
		}
		long loggedOut = users.stream().filter((user) -> user.loggedOut).count();
		System.out.println("LOAD done t1=" + System.currentTimeMillis() + " logged_out=" + loggedOut);
		return 0;
	}

	private int checkAccounts(Path emails) throws IOException, InterruptedException {
		int checked = 0;
		int ok = 0;
		for (String email : Files.readAllLines(emails, StandardCharsets.UTF_8)) {
			if (email.isBlank()) {
				continue;
			}
			checked++;
			int status = 0;
			for (int attempt = 0; attempt < 10; attempt++) {
				status = send("check-login", email, post(this.auth, "/auth/login", credentials(email))).status;
				if (status != 0 && status != 429 && status < 500) {
					break;
				}
				Thread.sleep(1000);
			}
			if (status == 200) {
				ok++;
			}
			else {
				System.out.println("ACCOUNT lost " + email + " login=" + status);
			}
		}
		System.out.println("ACCOUNTS checked=" + checked + " ok=" + ok + " lost=" + (checked - ok));
		return 0;
	}

	private boolean signUp(User user) {
		for (int attempt = 0; attempt < 20; attempt++) {
			int status = register(user.email, "setup-register");
			if (status == 201 || status == 409) {
				break;
			}
			pause();
		}
		for (int attempt = 0; attempt < 20; attempt++) {
			Answer answer = send("setup-login", user.email, post(this.auth, "/auth/login", credentials(user.email)));
			if (answer.status == 200 && user.take(answer.body)) {
				return true;
			}
			pause();
		}
		return false;
	}

	private int register(String email, String endpoint) {
		String body = "{\"email\":\"" + email + "\",\"password\":\"" + this.password
				+ "\",\"full_name\":\"Fault Campaign\"}";
		return send(endpoint, email, post(this.auth, "/auth/register", body)).status;
	}

	void me(User user) {
		Answer answer = send("me", user.email, get(this.auth, "/auth/me", user.access));
		if (answer.status == 401 && !user.loggedOut) {
			refresh(user);
		}
	}

	private void schedules(User user) {
		Answer answer = send("schedules", user.email, get(this.scheduler, "/schedules?limit=5", user.access));
		if (answer.status == 401 && !user.loggedOut) {
			refresh(user);
		}
	}

	void refresh(User user) {
		if (user.loggedOut) {
			// A logged-out user has no refresh token left: the tick reads /auth/me
			// instead.
			send("me", user.email, get(this.auth, "/auth/me", user.access));
			return;
		}
		// One refresh per user at a time, like a client that holds one refresh token.
		if (!user.lock.tryLock()) {
			return;
		}
		try {
			Answer answer = send("refresh", user.email,
					post(this.auth, "/auth/refresh", "{\"refresh_token\":\"" + user.refresh + "\"}"));
			if (answer.status == 200) {
				user.take(answer.body);
			}
			else if (answer.status == 401) {
				user.loggedOut = true;
			}
		}
		finally {
			user.lock.unlock();
		}
	}

	private String credentials(String email) {
		return "{\"email\":\"" + email + "\",\"password\":\"" + this.password + "\"}";
	}

	private static HttpRequest.Builder get(URI base, String path, String token) {
		return HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token).GET();
	}

	private static HttpRequest.Builder post(URI base, String path, String json) {
		return HttpRequest.newBuilder(base.resolve(path))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(json));
	}

	private Answer send(String endpoint, String user, HttpRequest.Builder request) {
		long sent = System.currentTimeMillis();
		long started = System.nanoTime();
		int status = 0;
		String body = "";
		String error = "-";
		try {
			HttpResponse<String> response = this.client.send(request.timeout(REQUEST_TIMEOUT).build(),
					BodyHandlers.ofString());
			status = response.statusCode();
			body = response.body();
		}
		catch (IOException ex) {
			error = ex.getClass().getSimpleName();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			error = "interrupted";
		}
		long millis = (System.nanoTime() - started) / 1_000_000;
		write(String.format(Locale.ROOT, "%d\t%s\t%d\t%d\t%s\t%s%n", sent, endpoint, status, millis, user, error));
		return new Answer(status, body);
	}

	private void write(String line) {
		synchronized (this.out) {
			try {
				this.out.write(line);
				this.out.flush();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	private static void pause() {
		try {
			Thread.sleep(1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * An HTTP answer: status (0 when none came) and body.
	 *
	 * @param status the status
	 * @param body the body, empty when none
	 */
	record Answer(int status, String body) {
	}

	/**
	 * A signed-in user: the newest token pair the client holds.
	 */
	static final class User {

		final String email;

		final ReentrantLock lock = new ReentrantLock();

		volatile String access = "";

		volatile String refresh = "";

		volatile boolean loggedOut;

		User(String email) {
			this.email = email;
		}

		boolean take(String body) {
			String accessToken = field(ACCESS_TOKEN, body);
			String refreshToken = field(REFRESH_TOKEN, body);
			if (accessToken == null || refreshToken == null) {
				return false;
			}
			this.access = accessToken;
			this.refresh = refreshToken;
			return true;
		}

	}

}
