package io.temponest.agents.knowledge;

import io.temponest.security.autoconfigure.PlatformSecurityProperties;
import io.temponest.security.autoconfigure.WebEdgeAutoConfiguration;
import io.temponest.security.web.ProblemResponses;
import io.temponest.security.web.RequestSizeLimitFilter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.function.SingletonSupplier;

/**
 * Lets document uploads through the request body cap up to
 * {@code temponest.agents.knowledge.max-document-size}; it replaces the platform's cap,
 * which stays in force for every other request.
 */
@Configuration(proxyBeanMethods = false)
class KnowledgeWebConfiguration {

	/**
	 * The cap of uploads is read at the first upload: filters are made with the web
	 * server, before the rest of the context, and must not bind the knowledge properties
	 * that early.
	 */
	@Bean
	FilterRegistrationBean<UploadSizeLimitFilter> requestSizeLimitFilter(PlatformSecurityProperties platform,
			ObjectProvider<KnowledgeProperties> knowledge, ProblemResponses problems) {
		UploadSizeLimitFilter filter = new UploadSizeLimitFilter(
				SingletonSupplier
					.of(() -> new RequestSizeLimitFilter(knowledge.getObject().maxDocumentSize().toBytes(), problems)),
				new RequestSizeLimitFilter(platform.maxRequestSize().toBytes(), problems));
		FilterRegistrationBean<UploadSizeLimitFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setOrder(WebEdgeAutoConfiguration.REQUEST_SIZE_FILTER_ORDER);
		return registration;
	}

}
