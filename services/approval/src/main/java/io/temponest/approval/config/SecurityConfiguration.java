package io.temponest.approval.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.temponest.approval.page.PageProperties;
import io.temponest.approval.page.SessionCookie;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;

/**
 * The pages' filter chain: the pages ({@code /}, {@code /approval/**}, {@code /login},
 * {@code /logout}, {@code /css/**}) read the access token from the sign-in cookie only,
 * check CSRF tokens on every form, and send people to {@code /login} when they are not
 * signed in. Everything else, {@code /api/**} included, stays on shared-auth's platform
 * chain, ordered after this one: {@code Authorization} header or API key, no cookies, no
 * CSRF, problem answers.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/** Content security policy of the pages: no script at all, forms post only here. */
	static final String PAGE_POLICY = "default-src 'self'; script-src 'none'; frame-ancestors 'none'; "
			+ "object-src 'none'; base-uri 'none'; form-action 'self'";

	static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";

	static final String[] PAGE_ROUTES = { "/", "/approval/**", "/login", "/logout", "/css/**" };

	@Bean
	SessionCookie sessionCookie(PageProperties properties) {
		return new SessionCookie(properties);
	}

	@Bean
	@Order(1)
	SecurityFilterChain pageSecurityFilterChain(HttpSecurity http, JwtDecoder jwtDecoder, SessionCookie cookie,
			PageProperties properties) {
		CookieCsrfTokenRepository csrfTokens = new CookieCsrfTokenRepository();
		csrfTokens.setCookieCustomizer(
				(csrfCookie) -> csrfCookie.sameSite("Strict").secure(properties.secureCookie()).path("/"));
		AuthenticationEntryPoint signIn = (request, response, failure) -> {
			if (SessionCookie.read(request) != null) {
				cookie.clear(response);
			}
			response.sendRedirect(request.getContextPath() + "/login");
		};
		AccessDeniedHandler refused = (request, response, denied) -> page(response, HttpServletResponse.SC_FORBIDDEN,
				"Forbidden", "The form was refused: reload the page and try again.");
		http.securityMatcher(PAGE_ROUTES)
			.csrf((csrf) -> csrf.csrfTokenRepository(csrfTokens)
				.withObjectPostProcessor(new ObjectPostProcessor<CsrfFilter>() {

					@Override
					public <O extends CsrfFilter> O postProcess(O filter) {
						filter.setAccessDeniedHandler(refused);
						return filter;
					}

				}))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.headers((headers) -> headers(headers, PAGE_POLICY))
			.authorizeHttpRequests((
					requests) -> requests.requestMatchers("/login", "/css/**").permitAll().anyRequest().authenticated())
			.addFilterBefore(new SessionCookieAuthenticationFilter(cookie, jwtDecoder, signIn),
					AnonymousAuthenticationFilter.class)
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(signIn).accessDeniedHandler(refused));
		return http.build();
	}

	private static void headers(HeadersConfigurer<HttpSecurity> headers, String policy) {
		headers.contentTypeOptions(Customizer.withDefaults())
			.frameOptions((frame) -> frame.deny())
			.httpStrictTransportSecurity(HeadersConfigurer.HstsConfig::disable)
			.addHeaderWriter(new StaticHeadersWriter("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY))
			.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER))
			.contentSecurityPolicy((csp) -> csp.policyDirectives(policy));
	}

	private static void page(HttpServletResponse response, int status, String title, String message)
			throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.TEXT_HTML_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter()
			.write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title
					+ "</title></head><body><h1>" + title + "</h1><p>" + message
					+ "</p><p><a href=\"/\">Back to the dashboard</a></p></body></html>");
	}

}
