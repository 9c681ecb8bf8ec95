import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Container health check: exits 0 when the actuator health endpoint answers 200 with status UP. */
final class HealthCheck {

	private static final int TIMEOUT_MILLIS = 3000;

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^:}]+)(?::([^}]*))?}");

	private HealthCheck() {
	}

	/**
	 * Checks {@code args[0]}, else {@code HEALTHCHECK_URL}, else
	 * {@code http://127.0.0.1:PORT/actuator/health/liveness} (liveness, so that a database or
	 * Redis outage never gets a healthy process restarted) where PORT is the first of
	 * {@code MANAGEMENT_SERVER_PORT}, {@code SERVER_PORT}, {@code management.server.port} and
	 * {@code server.port} in the application jar's {@code application.properties} (system property
	 * {@code healthcheck.app-jar}, default {@code app.jar}), and 8080.
	 * @param args optional URL
	 */
	public static void main(String[] args) {
		String url = (args.length > 0) ? args[0] : defaultUrl();
		try {
			HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
			connection.setConnectTimeout(TIMEOUT_MILLIS);
			connection.setReadTimeout(TIMEOUT_MILLIS);
			connection.setRequestProperty("Accept", "application/json");
			int status = connection.getResponseCode();
			String body = read(connection, status);
			if (status == 200 && body.replace(" ", "").contains("\"status\":\"UP\"")) {
				System.exit(0);
			}
			System.err.println("unhealthy: " + url + " -> " + status + " " + abbreviate(body));
		}
		catch (IOException | RuntimeException ex) {
			System.err.println("unhealthy: " + url + " -> " + ex);
		}
		System.exit(1);
	}

	private static String defaultUrl() {
		String url = System.getenv("HEALTHCHECK_URL");
		if (url != null && !url.isBlank()) {
			return url;
		}
		Properties properties = applicationProperties();
		String port = firstNonBlank(System.getenv("MANAGEMENT_SERVER_PORT"), System.getenv("SERVER_PORT"),
				resolve(properties.getProperty("management.server.port")), resolve(properties.getProperty("server.port")),
				"8080");
		return "http://127.0.0.1:" + port + "/actuator/health/liveness";
	}

	private static Properties applicationProperties() {
		Properties properties = new Properties();
		Path jar = Path.of(System.getProperty("healthcheck.app-jar", "app.jar"));
		if (Files.isRegularFile(jar)) {
			try (JarFile file = new JarFile(jar.toFile())) {
				var entry = file.getJarEntry("application.properties");
				if (entry != null) {
					try (InputStream in = file.getInputStream(entry)) {
						properties.load(in);
					}
				}
			}
			catch (IOException ex) {
				System.err.println("cannot read " + jar + ": " + ex);
			}
		}
		return properties;
	}

	/** Resolves a whole-value {@code ${NAME:default}} placeholder against the environment. */
	private static String resolve(String value) {
		if (value == null) {
			return null;
		}
		Matcher matcher = PLACEHOLDER.matcher(value.strip());
		if (!matcher.matches()) {
			return value.strip();
		}
		String fromEnvironment = System.getenv(matcher.group(1).replace('.', '_').replace('-', '_').toUpperCase());
		return (fromEnvironment != null && !fromEnvironment.isBlank()) ? fromEnvironment : matcher.group(2);
	}

	private static String firstNonBlank(String... values) {
		for (String value : values) {
			if (value != null && !value.isBlank()) {
				return value;
			}
		}
		throw new IllegalStateException("no value");
	}

	private static String read(HttpURLConnection connection, int status) throws IOException {
		try (InputStream in = (status < 400) ? connection.getInputStream() : connection.getErrorStream()) {
			return (in != null) ? new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8) : "";
		}
	}

	private static String abbreviate(String body) {
		return (body.length() > 200) ? body.substring(0, 200) + "..." : body;
	}

}
