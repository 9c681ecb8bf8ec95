package io.temponest.security.autoconfigure;

import io.temponest.security.web.JsonFieldNames;
import io.temponest.security.web.PlatformExceptionHandler;
import io.temponest.security.web.ProblemErrorController;
import io.temponest.security.web.ProblemErrorReportValve;
import io.temponest.security.web.PrometheusAliasController;
import io.temponest.security.web.ProblemResponses;
import io.temponest.security.web.RequestIdFilter;
import io.temponest.security.web.RequestIdPropagationInterceptor;
import io.temponest.security.web.RequestSizeLimitFilter;
import jakarta.servlet.DispatcherType;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;
import org.springframework.web.filter.UrlHandlerFilter;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The web edge of every service: request ids (accepted or generated, returned, logged,
 * forwarded on {@link RestClient} calls), the request body cap, trailing-slash tolerance,
 * problem answers for every error, and the original's {@code /metrics} scrape path.
 */
@AutoConfiguration(beforeName = { "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration",
		"org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@EnableConfigurationProperties({ PlatformSecurityProperties.class, PlatformDatabaseProperties.class })
public final class WebEdgeAutoConfiguration {

	/** Order of the request-id filter: before everything that may log or answer. */
	public static final int REQUEST_ID_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	/** Order of the trailing-slash filter: before the security filter chain (-100). */
	public static final int TRAILING_SLASH_FILTER_ORDER = -110;

	/**
	 * Order of the body cap: right after the security filter chain (-100), so that its
	 * 413 answers carry the security headers and unauthenticated bodies are never read.
	 */
	public static final int REQUEST_SIZE_FILTER_ORDER = -90;

	@Bean
	@ConditionalOnMissingBean
	ProblemResponses problemResponses(Environment environment) {
		return defaultProblemResponses(environment);
	}

	static ProblemResponses defaultProblemResponses(Environment environment) {
		return new ProblemResponses(environment.getProperty("spring.application.name", "application"),
				JsonMapper.shared());
	}

	@Bean
	@ConditionalOnMissingBean(name = "requestIdFilter")
	FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
		FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
		registration.setOrder(REQUEST_ID_FILTER_ORDER);
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
		return registration;
	}

	@Bean
	@ConditionalOnMissingBean(name = "trailingSlashFilter")
	FilterRegistrationBean<UrlHandlerFilter> trailingSlashFilter() {
		FilterRegistrationBean<UrlHandlerFilter> registration = new FilterRegistrationBean<>(
				UrlHandlerFilter.trailingSlashHandler("/**").wrapRequest().build());
		registration.setOrder(TRAILING_SLASH_FILTER_ORDER);
		return registration;
	}

	@Bean
	@ConditionalOnMissingBean(name = "requestSizeLimitFilter")
	FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(PlatformSecurityProperties properties,
			ProblemResponses problems) {
		FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestSizeLimitFilter(properties.maxRequestSize().toBytes(), problems));
		registration.setOrder(REQUEST_SIZE_FILTER_ORDER);
		return registration;
	}

	@Bean
	@ConditionalOnMissingBean(ResponseEntityExceptionHandler.class)
	PlatformExceptionHandler platformExceptionHandler(ProblemResponses problems, ObjectProvider<JsonMapper> jsonMapper,
			PlatformDatabaseProperties database) {
		JsonMapper mapper = jsonMapper.getIfAvailable();
		return new PlatformExceptionHandler(problems,
				new JsonFieldNames((mapper != null) ? mapper.serializationConfig().getPropertyNamingStrategy() : null),
				database.retryAfter());
	}

	@Bean
	@ConditionalOnMissingBean
	PrometheusAliasController prometheusAliasController() {
		return new PrometheusAliasController();
	}

	@Bean
	@ConditionalOnMissingBean(ErrorController.class)
	ProblemErrorController problemErrorController(ProblemResponses problems, PlatformDatabaseProperties database) {
		return new ProblemErrorController(problems, database.retryAfter());
	}

	/**
	 * Puts {@link ProblemErrorReportValve} in place of Tomcat's HTML error report, last,
	 * so that it replaces the valve Boot's own Tomcat customizer installs.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ErrorReportValve.class, TomcatServletWebServerFactory.class })
	static class ContainerErrorPageConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "problemErrorReportValveCustomizer")
		ProblemErrorReportValveCustomizer problemErrorReportValveCustomizer(ProblemResponses problems) {
			return new ProblemErrorReportValveCustomizer(problems);
		}

	}

	/** Installs the problem error report valve on the host of the application context. */
	static final class ProblemErrorReportValveCustomizer
			implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

		private final ProblemResponses problems;

		ProblemErrorReportValveCustomizer(ProblemResponses problems) {
			this.problems = problems;
		}

		@Override
		public void customize(TomcatServletWebServerFactory factory) {
			factory.addContextCustomizers((context) -> {
				Pipeline pipeline = context.getParent().getPipeline();
				for (Valve valve : pipeline.getValves()) {
					if (valve instanceof ErrorReportValve) {
						pipeline.removeValve(valve);
					}
				}
				pipeline.addValve(new ProblemErrorReportValve(this.problems));
				if (context.getParent() instanceof StandardHost host) {
					host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
				}
			});
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

	/** Forwards the request id on calls made with Boot's {@link RestClient.Builder}. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ RestClient.class, RestClientCustomizer.class })
	static class RequestIdForwardingConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "requestIdRestClientCustomizer")
		RestClientCustomizer requestIdRestClientCustomizer() {
			return (builder) -> builder.requestInterceptor(new RequestIdPropagationInterceptor());
		}

	}

}
