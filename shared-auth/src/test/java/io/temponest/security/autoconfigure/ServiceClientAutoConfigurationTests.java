package io.temponest.security.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.temponest.security.exchange.ServiceTokenClient;
import io.temponest.security.exchange.ServiceTokenInterceptor;
import io.temponest.security.testapp.AuthServiceStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ServiceClientAutoConfiguration}: configured only with a client id, secrets from
 * the property or a file, a missing secret fails the start, and user beans win.
 */
class ServiceClientAutoConfigurationTests {

	private static final String SECRET = "a-secret-of-at-least-thirty-two-characters";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RestClientAutoConfiguration.class,
				PlatformClockAutoConfiguration.class, ServiceClientAutoConfiguration.class));

	@TempDir
	Path directory;

	@Test
	void clientIdAbsentOrBlankThenNothingRegistered() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(ServiceTokenClient.class)
			.doesNotHaveBean(ServiceTokenInterceptor.class));
		this.runner
			.withPropertyValues("platform.security.service-client.client-id=",
					"platform.security.service-client.client-secret=" + SECRET)
			.run((context) -> assertThat(context).doesNotHaveBean(ServiceTokenClient.class));
	}

	@Test
	void clientIdAndSecretThenClientExchangingWithTheConfiguredAuthService() {
		String path = "/autoconfig-" + UUID.randomUUID();
		WireMockServer authService = AuthServiceStub.server();
		authService.stubFor(post(path + ServiceTokenClient.EXCHANGE_PATH)
			.willReturn(okJson("{\"access_token\": \"t-1\", \"expires_in\": 300}")));
		this.runner
			.withPropertyValues("platform.security.auth-service-url=" + AuthServiceStub.baseUrl() + path,
					"platform.security.service-client.client-id=scheduler",
					"platform.security.service-client.client-secret=" + SECRET,
					"platform.security.service-client.scope=agents:execute")
			.run((context) -> {
				assertThat(context).hasSingleBean(ServiceTokenInterceptor.class);
				UUID tenantId = UUID.randomUUID();
				assertThat(context.getBean(ServiceTokenClient.class).tokenFor(tenantId, UUID.randomUUID()))
					.isEqualTo("t-1");
				authService.verify(postRequestedFor(urlEqualTo(path + ServiceTokenClient.EXCHANGE_PATH))
					.withFormParam("tenant_id", equalTo(tenantId.toString()))
					.withFormParam("scope", equalTo("agents:execute")));
			});
	}

	@Test
	void secretFileThenItsContentIsTheSecret() throws IOException {
		String path = "/autoconfig-" + UUID.randomUUID();
		Path file = this.directory.resolve("secret");
		Files.writeString(file, "file-secret-of-at-least-thirty-two-characters\n");
		AuthServiceStub.server()
			.stubFor(post(path + ServiceTokenClient.EXCHANGE_PATH)
				.withBasicAuth("scheduler", "file-secret-of-at-least-thirty-two-characters")
				.willReturn(okJson("{\"access_token\": \"t-file\", \"expires_in\": 300}")));
		this.runner
			.withPropertyValues("platform.security.auth-service-url=" + AuthServiceStub.baseUrl() + path,
					"platform.security.service-client.client-id=scheduler",
					"platform.security.service-client.client-secret-file=" + file)
			.run((context) -> assertThat(
					context.getBean(ServiceTokenClient.class).tokenFor(UUID.randomUUID(), UUID.randomUUID()))
				.isEqualTo("t-file"));
	}

	@Test
	void clientIdWithoutSecretThenStartFails() {
		this.runner.withPropertyValues("platform.security.service-client.client-id=scheduler")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("neither client-secret nor a non-empty client-secret-file"));
	}

	@Test
	void serviceTokenClientWhenUserDefinedThenBacksOff() {
		ServiceTokenClient custom = new ServiceTokenClient(RestClient.create("http://localhost:1"), "custom", SECRET,
				List.of(), Duration.ofSeconds(60), 10, Clock.systemUTC());
		this.runner
			.withPropertyValues("platform.security.service-client.client-id=scheduler",
					"platform.security.service-client.client-secret=" + SECRET)
			.withBean(ServiceTokenClient.class, () -> custom)
			.run((context) -> {
				assertThat(context).getBean(ServiceTokenClient.class).isSameAs(custom);
				assertThat(context).hasSingleBean(ServiceTokenInterceptor.class);
			});
	}

	@Test
	void restClientAbsentThenNothingRegistered() {
		this.runner.withClassLoader(new FilteredClassLoader(RestClient.class))
			.withPropertyValues("platform.security.service-client.client-id=scheduler",
					"platform.security.service-client.client-secret=" + SECRET)
			.run((context) -> assertThat(context).doesNotHaveBean(ServiceTokenClient.class));
	}

}
