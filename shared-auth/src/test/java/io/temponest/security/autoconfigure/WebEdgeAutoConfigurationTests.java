package io.temponest.security.autoconfigure;

import java.util.HashMap;
import java.util.Map;

import io.temponest.security.web.PlatformExceptionHandler;
import io.temponest.security.web.ProblemErrorController;
import io.temponest.security.web.PrometheusAliasController;
import io.temponest.security.web.ProblemResponses;
import io.temponest.security.web.RequestIdFilter;
import io.temponest.security.web.RequestSizeLimitFilter;
import org.apache.catalina.valves.ErrorReportValve;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link WebEdgeAutoConfiguration}: filters, problem handling and back-off. */
class WebEdgeAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebEdgeAutoConfiguration.class));

	@Test
	void defaultsThenFiltersInOrderProblemHandlingAndRequestIdForwarding() {
		this.runner.withPropertyValues("spring.application.name=agents").run((context) -> {
			Map<String, FilterRegistrationBean<?>> filters = filters(
					context.getBeansOfType(FilterRegistrationBean.class));
			assertThat(filters.get("requestIdFilter").getFilter()).isInstanceOf(RequestIdFilter.class);
			assertThat(filters.get("requestIdFilter").getOrder())
				.isLessThan(filters.get("trailingSlashFilter").getOrder());
			assertThat(filters.get("trailingSlashFilter").getOrder()).isLessThan(-100);
			assertThat(filters.get("requestSizeLimitFilter").getOrder()).isGreaterThan(-100);
			assertThat(context).hasSingleBean(PlatformExceptionHandler.class)
				.hasSingleBean(ProblemErrorController.class)
				.hasSingleBean(PrometheusAliasController.class)
				.hasBean("requestIdRestClientCustomizer")
				.hasSingleBean(RestClientCustomizer.class);
			assertThat(context.getBean(ProblemResponses.class)
				.create(HttpStatus.NOT_FOUND, "Not Found", new MockHttpServletRequest())
				.getProperties()).containsEntry("service", "agents");
		});
	}

	@Test
	void maxRequestSizeWhenOverriddenThenLargerBodiesRejected() {
		this.runner.withPropertyValues("platform.security.max-request-size=10B").run((context) -> {
			RequestSizeLimitFilter filter = (RequestSizeLimitFilter) filters(
					context.getBeansOfType(FilterRegistrationBean.class))
				.get("requestSizeLimitFilter")
				.getFilter();
			MockHttpServletRequest request = new MockHttpServletRequest("POST", "/upload");
			request.setContent(new byte[11]);
			MockHttpServletResponse response = new MockHttpServletResponse();
			filter.doFilter(request, response, new MockFilterChain());
			assertThat(response.getStatus()).isEqualTo(413);
			assertThat(response.getContentType()).isEqualTo("application/problem+json");
		});
	}

	@Test
	void exceptionHandlerWhenUserDefinedThenBacksOff() {
		this.runner.withBean(CustomHandler.class)
			.run((context) -> assertThat(context).hasSingleBean(ResponseEntityExceptionHandler.class)
				.doesNotHaveBean(PlatformExceptionHandler.class));
	}

	@Test
	void tomcatPresentThenContainerErrorsRenderedAsProblemsAfterBootsOwnValve() {
		this.runner.run((context) -> assertThat(context).hasBean("problemErrorReportValveCustomizer")
			.getBean("problemErrorReportValveCustomizer", Ordered.class)
			.extracting(Ordered::getOrder)
			.isEqualTo(Ordered.LOWEST_PRECEDENCE));
	}

	@Test
	void tomcatAbsentThenNoValveCustomizer() {
		this.runner.withClassLoader(new FilteredClassLoader(ErrorReportValve.class))
			.run((context) -> assertThat(context).doesNotHaveBean("problemErrorReportValveCustomizer")
				.hasSingleBean(ProblemErrorController.class));
	}

	@Test
	void notAWebApplicationThenNothingRegistered() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WebEdgeAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class)
				.doesNotHaveBean(PlatformExceptionHandler.class));
	}

	@Test
	void springMvcAbsentThenNothingRegistered() {
		this.runner.withClassLoader(new FilteredClassLoader(DispatcherServlet.class))
			.run((context) -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class)
				.doesNotHaveBean(ProblemResponses.class));
	}

	@SuppressWarnings("rawtypes")
	private static Map<String, FilterRegistrationBean<?>> filters(Map<String, FilterRegistrationBean> beans) {
		Map<String, FilterRegistrationBean<?>> filters = new HashMap<>();
		beans.forEach(filters::put);
		return filters;
	}

	/** A service's own exception handler. */
	@RestControllerAdvice
	static class CustomHandler extends ResponseEntityExceptionHandler {

	}

}
