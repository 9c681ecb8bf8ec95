package io.temponest.events;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.temponest.security.autoconfigure.PlatformClockAutoConfiguration;
import io.temponest.security.autoconfigure.ServiceClientAutoConfiguration;
import io.temponest.security.autoconfigure.TenantContextAutoConfiguration;
import io.temponest.testsupport.TestInfrastructure;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * What the library's context tests run with: this run's database as the runtime role, the
 * tenant-aware transaction manager, the service client, and one WireMock server playing
 * both the auth service (token exchange) and the receiver of events.
 */
final class EventsContext {

	/** The client secret of the tests' service client. */
	static final String SECRET = "test-only-events-client-secret-0123456789";

	private static final WireMockServer SERVER = start();

	private EventsContext() {
	}

	static WireMockServer server() {
		return SERVER;
	}

	static ApplicationContextRunner runner() {
		TestInfrastructure infrastructure = OutboxDatabase.get();
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(DataSourceAutoConfiguration.class, TenantContextAutoConfiguration.class,
							DataSourceTransactionManagerAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
							JdbcClientAutoConfiguration.class, RestClientAutoConfiguration.class,
							PlatformClockAutoConfiguration.class, ServiceClientAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + infrastructure.jdbcUrl(),
					"spring.datasource.username=" + infrastructure.appRole(),
					"spring.datasource.password=" + infrastructure.appPassword(), "spring.application.name=testsvc");
	}

	static String[] serviceClient() {
		return new String[] { "platform.security.auth-service-url=" + SERVER.baseUrl(),
				"platform.security.service-client.client-id=testsvc",
				"platform.security.service-client.client-secret=" + SECRET };
	}

	private static WireMockServer start() {
		WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		server.start();
		Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "events-stub-stop"));
		return server;
	}

}
