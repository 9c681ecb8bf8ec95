package io.temponest.scheduler.execution;

import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/**
 * Reads {@code ?status=completed} (lower-case wire names) into an
 * {@link ExecutionStatus}.
 */
@Component
class ExecutionStatusConverter implements Converter<String, ExecutionStatus> {

	@Override
	public ExecutionStatus convert(String source) {
		return ExecutionStatus.of(source.trim());
	}

}
