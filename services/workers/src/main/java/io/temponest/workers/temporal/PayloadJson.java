package io.temponest.workers.temporal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.JacksonJsonPayloadConverter;

/**
 * Payloads as JSON objects with snake_case keys, the wire format of the workflows' other
 * clients (the approval service, Python callers); unknown keys are ignored.
 */
public final class PayloadJson {

	private static final DataConverter CONVERTER = DefaultDataConverter.newDefaultInstance()
		.withPayloadConverterOverrides(new JacksonJsonPayloadConverter(JsonMapper.builder()
			.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.build()));

	private PayloadJson() {
	}

	/**
	 * The converter of every client and worker of this service.
	 * @return the converter
	 */
	public static DataConverter converter() {
		return CONVERTER;
	}

}
