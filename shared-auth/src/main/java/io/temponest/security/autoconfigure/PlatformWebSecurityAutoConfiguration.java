package io.temponest.security.autoconfigure;

import io.temponest.security.ApiKeyVerifier;
import io.temponest.security.TokenVerificationMetrics;
import io.temponest.security.apikey.ApiKeyAuthenticationFilter;
import io.temponest.security.jwt.AccessTokenAuthenticationConverter;
import io.temponest.security.jwt.AccessTokenResolver;
import io.temponest.security.web.HeaderCharacters;
import io.temponest.security.web.PlatformAccessDeniedHandler;
import io.temponest.security.web.PlatformAuthenticationEntryPoint;
import io.temponest.security.web.ProblemResponses;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * The default stateless security filter chain of every service (public paths open,
 * everything else authenticated by access token or API key, problem answers for 401 and
 * 403, security headers, CORS from configuration) and method security where superusers
 * pass every {@code @PreAuthorize} check.
 */
@AutoConfiguration(
		after = { PlatformSecurityAutoConfiguration.class, RevocationAutoConfiguration.class,
				ApiKeyAutoConfiguration.class, WebEdgeAutoConfiguration.class },
		beforeName = {
				"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
				"org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ SecurityFilterChain.class, BearerTokenAuthenticationFilter.class, JwtDecoder.class })
@EnableConfigurationProperties(PlatformSecurityProperties.class)
@EnableWebSecurity
@EnableMethodSecurity
public final class PlatformWebSecurityAutoConfiguration {

	/** Content security policy of every response. */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; frame-ancestors 'none'; object-src 'none'";

	/** HSTS of every response, plain HTTP included (TLS usually ends at a proxy). */
	static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";

	@Bean
	@Primary
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static SuperuserMethodAuthorizationPostProcessor superuserMethodAuthorization(
			ObjectProvider<ObjectPostProcessor<AuthorizationManager<MethodInvocation>>> postProcessors) {
		return new SuperuserMethodAuthorizationPostProcessor(postProcessors);
	}

	/**
	 * Spring Security's own observations (filter chain, authentication, authorization)
	 * stay off: on every request they cost more than the token check itself, and
	 * {@code http.server.requests} already times the request. With this setting the
	 * filter chain and the managers are not wrapped at all, where disabling the
	 * observations by name would still wrap them and drop each observation afterwards. A
	 * service that wants them supplies its own settings.
	 * @return settings observing nothing
	 */
	@Bean
	@ConditionalOnMissingBean
	static SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	@ConditionalOnMissingBean(HttpFirewall.class)
	StrictHttpFirewall httpFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderNames(HeaderCharacters::allowed);
		firewall.setAllowedHeaderValues(HeaderCharacters::allowed);
		return firewall;
	}

	@Bean
	@ConditionalOnMissingBean
	PlatformAuthenticationEntryPoint platformAuthenticationEntryPoint(ObjectProvider<ProblemResponses> problems,
			Environment environment) {
		return new PlatformAuthenticationEntryPoint(problems.getIfAvailable(() -> defaultProblems(environment)));
	}

	@Bean
	@ConditionalOnMissingBean
	PlatformAccessDeniedHandler platformAccessDeniedHandler(ObjectProvider<ProblemResponses> problems,
			Environment environment) {
		return new PlatformAccessDeniedHandler(problems.getIfAvailable(() -> defaultProblems(environment)));
	}

	@Bean
	@ConditionalOnMissingBean(name = "corsConfigurationSource")
	CorsConfigurationSource corsConfigurationSource(PlatformSecurityProperties properties) {
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		PlatformSecurityProperties.Cors cors = properties.cors();
		if (!cors.allowedOrigins().isEmpty()) {
			CorsConfiguration configuration = new CorsConfiguration();
			configuration.setAllowedOrigins(cors.allowedOrigins());
			configuration.setAllowedMethods(cors.allowedMethods());
			configuration.setAllowedHeaders(cors.allowedHeaders());
			configuration.setExposedHeaders(cors.exposedHeaders());
			configuration.setAllowCredentials(cors.allowCredentials());
			configuration.setMaxAge(cors.maxAge());
			source.registerCorsConfiguration("/**", configuration);
		}
		return source;
	}

	/**
	 * The platform's chain, for every request no other chain claims: a service adds a
	 * chain of its own for some paths ({@code securityMatcher}, ordered before this one,
	 * e.g. server-rendered pages signed in with a cookie) and keeps this one for the
	 * rest; a bean of this name replaces it.
	 */
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	@ConditionalOnMissingBean(name = "platformSecurityFilterChain")
	SecurityFilterChain platformSecurityFilterChain(HttpSecurity http, PlatformSecurityProperties properties,
			JwtDecoder jwtDecoder, ApiKeyVerifier apiKeyVerifier, TokenVerificationMetrics metrics,
			PlatformAuthenticationEntryPoint entryPoint, PlatformAccessDeniedHandler accessDeniedHandler) {
		String[] publicPaths = properties.allPublicPaths().toArray(String[]::new);
		http.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.cors(Customizer.withDefaults())
			.headers((headers) -> headers.contentTypeOptions(Customizer.withDefaults())
				.frameOptions((frame) -> frame.deny())
				.httpStrictTransportSecurity(HeadersConfigurer.HstsConfig::disable)
				.addHeaderWriter(new StaticHeadersWriter("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER))
				.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
			.authorizeHttpRequests(
					(requests) -> requests.requestMatchers(publicPaths).permitAll().anyRequest().authenticated())
			.oauth2ResourceServer((resourceServer) -> resourceServer.bearerTokenResolver(new AccessTokenResolver())
				.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(accessDeniedHandler)
				.jwt((jwt) -> jwt.decoder(jwtDecoder)
					.jwtAuthenticationConverter(new AccessTokenAuthenticationConverter()))
				.withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {

					@Override
					public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
						// failures go to the entry point (503 when keys could not be
						// fetched) instead of back to the servlet container
						filter.setAuthenticationFailureHandler(entryPoint::commence);
						return filter;
					}

				}))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(accessDeniedHandler))
			.addFilterBefore(new ApiKeyAuthenticationFilter(apiKeyVerifier, entryPoint, metrics),
					BearerTokenAuthenticationFilter.class);
		return http.build();
	}

	private static ProblemResponses defaultProblems(Environment environment) {
		return WebEdgeAutoConfiguration.defaultProblemResponses(environment);
	}

}
