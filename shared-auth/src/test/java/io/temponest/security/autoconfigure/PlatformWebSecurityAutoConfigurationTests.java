package io.temponest.security.autoconfigure;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.temponest.security.ApiKeyVerifier;
import io.temponest.security.RevokedTokens;
import io.temponest.security.testapp.InMemoryRevokedTokens;
import io.temponest.security.web.PlatformAccessDeniedHandler;
import io.temponest.security.web.PlatformAuthenticationEntryPoint;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link PlatformWebSecurityAutoConfiguration}: the default chain, CORS, services' own
 * chains and back-off.
 */
class PlatformWebSecurityAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PlatformSecurityAutoConfiguration.class,
				WebEdgeAutoConfiguration.class, PlatformWebSecurityAutoConfiguration.class))
		.withBean(RevokedTokens.class, InMemoryRevokedTokens::new)
		.withBean(ApiKeyVerifier.class, () -> (key) -> Optional.empty());

	@Test
	void defaultsThenStatelessChainEntryPointDeniedHandlerAndMethodSecurity() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(SecurityFilterChain.class)
				.hasBean("platformSecurityFilterChain")
				.hasSingleBean(PlatformAuthenticationEntryPoint.class)
				.hasSingleBean(PlatformAccessDeniedHandler.class)
				.hasBean("superuserMethodAuthorization")
				.hasBean("preAuthorizeAuthorizationMethodInterceptor");
			SecurityFilterChain chain = context.getBean(SecurityFilterChain.class);
			assertThat(chain.getFilters()).anyMatch(BearerTokenAuthenticationFilter.class::isInstance)
				.anyMatch((filter) -> filter.getClass().getSimpleName().equals("ApiKeyAuthenticationFilter"))
				.noneMatch((filter) -> filter.getClass().getSimpleName().equals("CsrfFilter"));
			assertThat(context.getBean(CorsConfigurationSource.class)
				.getCorsConfiguration(new MockHttpServletRequest("GET", "/api/me"))).isNull();
			HttpFirewall firewall = context.getBean(HttpFirewall.class);
			MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/me");
			request.addHeader("X-Injected", "a\u0000b");
			assertThatExceptionOfType(RequestRejectedException.class)
				.isThrownBy(() -> firewall.getFirewalledRequest(request).getHeader("X-Injected"));
		});
	}

	@Test
	void observationRegistryPresentThenSpringSecurityObservesNothing() {
		List<String> observed = new CopyOnWriteArrayList<>();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

			@Override
			public void onStart(Observation.Context context) {
				observed.add(context.getName());
			}

		});
		this.runner.withBean(ObservationRegistry.class, () -> registry).run((context) -> {
			assertThat(context.getBean(SecurityObservationSettings.class).shouldObserveRequests()).isFalse();
			Filter chain = context.getBean("springSecurityFilterChain", Filter.class);
			MockHttpServletResponse response = new MockHttpServletResponse();
			chain.doFilter(new MockHttpServletRequest("GET", "/api/me"), response, new MockFilterChain());
			assertThat(response.getStatus()).isEqualTo(401);
			assertThat(observed).noneMatch((name) -> name.startsWith("spring.security"));
		});
	}

	@Test
	void corsWhenOriginsConfiguredThenAllowedForEveryPath() {
		this.runner.withPropertyValues("platform.security.cors.allowed-origins=https://console.example.com")
			.run((context) -> {
				CorsConfiguration configuration = context.getBean(CorsConfigurationSource.class)
					.getCorsConfiguration(new MockHttpServletRequest("GET", "/api/me"));
				assertThat(configuration).isNotNull();
				assertThat(configuration.checkOrigin("https://console.example.com"))
					.isEqualTo("https://console.example.com");
				assertThat(configuration.checkOrigin("http://evil.com")).isNull();
				assertThat(configuration.getAllowCredentials()).isTrue();
			});
	}

	@Test
	void securityFilterChainWhenServiceAddsOneForItsPathsThenBothAndTheServicesFirst() {
		this.runner.withUserConfiguration(PageChain.class).run((context) -> {
			assertThat(context).hasBean("pageChain").hasBean("platformSecurityFilterChain");
			FilterChainProxy proxy = context.getBean(FilterChainProxy.class);
			assertThat(proxy.getFilterChains()).hasSize(2);
			assertThat(proxy.getFilterChains().get(0).matches(new MockHttpServletRequest("GET", "/pages/home")))
				.isTrue();
			assertThat(proxy.getFilterChains().get(0).matches(new MockHttpServletRequest("GET", "/api/me"))).isFalse();
			assertThat(proxy.getFilterChains().get(1).matches(new MockHttpServletRequest("GET", "/api/me"))).isTrue();
		});
	}

	@Test
	void securityFilterChainWhenServiceDefinesThePlatformChainThenBacksOff() {
		this.runner.withUserConfiguration(ReplacedChain.class)
			.run((context) -> assertThat(context).hasSingleBean(SecurityFilterChain.class)
				.hasBean("platformSecurityFilterChain")
				.getBean("platformSecurityFilterChain")
				.isSameAs(context.getBean(ReplacedChain.class).chain));
	}

	@Test
	void notAWebApplicationThenNothingRegistered() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PlatformSecurityAutoConfiguration.class,
					PlatformWebSecurityAutoConfiguration.class))
			.withBean(RevokedTokens.class, InMemoryRevokedTokens::new)
			.run((context) -> assertThat(context).doesNotHaveBean(SecurityFilterChain.class)
				.doesNotHaveBean(PlatformAuthenticationEntryPoint.class));
	}

	@Test
	void resourceServerAbsentThenNothingRegistered() {
		this.runner.withClassLoader(new FilteredClassLoader(BearerTokenAuthenticationFilter.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SecurityFilterChain.class)
				.doesNotHaveBean(PlatformAuthenticationEntryPoint.class));
	}

	/** A service's chain for some of its paths. */
	@Configuration(proxyBeanMethods = false)
	static class PageChain {

		@Bean
		@Order(1)
		SecurityFilterChain pageChain(HttpSecurity http) {
			return http.securityMatcher("/pages/**").build();
		}

	}

	/** A service's replacement of the platform chain. */
	@Configuration(proxyBeanMethods = false)
	static class ReplacedChain {

		private SecurityFilterChain chain;

		@Bean
		SecurityFilterChain platformSecurityFilterChain(HttpSecurity http) {
			this.chain = http.build();
			return this.chain;
		}

	}

}
