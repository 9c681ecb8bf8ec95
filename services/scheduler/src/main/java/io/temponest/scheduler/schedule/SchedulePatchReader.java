package io.temponest.scheduler.schedule;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.temponest.security.web.ValidationError;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * Reads a PATCH body strictly: unknown fields and fields that cannot change are 422 (the
 * original ignored unknown fields, so a typo silently changed nothing), then the values
 * are bound and validated like any request body.
 */
@Component
class SchedulePatchReader {

	private static final Set<String> UPDATABLE = Set.of("name", "description", "cron_expression", "interval_seconds",
			"scheduled_time", "timezone", "task_payload", "task_config", "timeout_seconds", "max_retries",
			"retry_delay_seconds", "is_active", "is_paused", "misfire_threshold_seconds");

	private static final Set<String> FIXED = Set.of("schedule_type", "agent_name", "agent_id", "project_id",
			"workflow_id");

	private static final String UNKNOWN_FIELD = "has an unknown field (updatable: "
			+ String.join(", ", new TreeSet<>(UPDATABLE)) + ")";

	private static final Pattern UPPER = Pattern.compile("([A-Z])");

	private final JsonMapper json;

	private final Validator validator;

	SchedulePatchReader(JsonMapper json, Validator validator) {
		this.json = json;
		this.validator = validator;
	}

	SchedulePatchRequest read(ObjectNode body) {
		List<ValidationError> errors = new ArrayList<>();
		boolean unknown = false;
		for (String field : body.propertyNames()) {
			if (FIXED.contains(field)) {
				errors.add(new ValidationError(field, "cannot be changed; create a new schedule"));
			}
			else if (!UPDATABLE.contains(field)) {
				unknown = true;
			}
		}
		if (unknown) {
			// named by the list of what is allowed: the client's own key is never echoed
			errors.add(new ValidationError("body", UNKNOWN_FIELD));
		}
		if (!errors.isEmpty()) {
			throw new InvalidScheduleFieldsException(errors);
		}
		SchedulePatchRequest request;
		try {
			request = this.json.treeToValue(body, SchedulePatchRequest.class);
		}
		catch (JacksonException ex) {
			throw new InvalidScheduleFieldsException("body", "a field has the wrong type");
		}
		List<ValidationError> violations = this.validator.validate(request)
			.stream()
			.sorted(Comparator.comparing((ConstraintViolation<?> violation) -> violation.getPropertyPath().toString()))
			.map((violation) -> new ValidationError(snakeCase(violation.getPropertyPath().toString()),
					violation.getMessage()))
			.toList();
		if (!violations.isEmpty()) {
			throw new InvalidScheduleFieldsException(violations);
		}
		return request;
	}

	private static String snakeCase(String property) {
		return UPPER.matcher(property).replaceAll("_$1").toLowerCase(Locale.ROOT);
	}

}
