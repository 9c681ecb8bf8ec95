package io.temponest.security.autoconfigure;

import java.util.List;

import io.temponest.security.SuperuserAuthorizationManager;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.ObjectPostProcessor;

/**
 * Makes superusers pass every method-security check by wrapping the method authorization
 * managers in {@link SuperuserAuthorizationManager}. Spring Security applies only one
 * such post-processor, so this one (declared primary) first applies the others, such as
 * the observation wrapper.
 */
final class SuperuserMethodAuthorizationPostProcessor
		implements ObjectPostProcessor<AuthorizationManager<MethodInvocation>> {

	private final ObjectProvider<ObjectPostProcessor<AuthorizationManager<MethodInvocation>>> postProcessors;

	SuperuserMethodAuthorizationPostProcessor(
			ObjectProvider<ObjectPostProcessor<AuthorizationManager<MethodInvocation>>> postProcessors) {
		this.postProcessors = postProcessors;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <O extends AuthorizationManager<MethodInvocation>> O postProcess(O manager) {
		AuthorizationManager<MethodInvocation> processed = manager;
		List<ObjectPostProcessor<AuthorizationManager<MethodInvocation>>> others = this.postProcessors.orderedStream()
			.filter((postProcessor) -> postProcessor != this)
			.toList();
		for (ObjectPostProcessor<AuthorizationManager<MethodInvocation>> other : others) {
			processed = other.postProcess(processed);
		}
		return (O) new SuperuserAuthorizationManager(processed);
	}

}
