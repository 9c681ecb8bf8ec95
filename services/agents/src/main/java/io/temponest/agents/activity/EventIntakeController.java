package io.temponest.agents.activity;

import java.util.List;
import java.util.Objects;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temponest.security.AuthPrincipal;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The platform-event intake: other services relay their users' activity here, with an
 * access token of the user exchanged by the service (its {@code act} claim names the
 * service). Only the acting service is checked, not the user's permissions: the events
 * are the user's own activity, and every member of the tenant may be active.
 */
@RestController
@Tag(name = "activity")
class EventIntakeController {

	private final ActivityIntake intake;

	EventIntakeController(ActivityIntake intake) {
		this.intake = intake;
	}

	@PostMapping("/internal/events")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@PreAuthorize("isAuthenticated()")
	@Operation(
			summary = "Relay 1 to 100 events of the token's user to the activity log, each stored once by its id; "
					+ "the service is the token's acting service",
			responses = @ApiResponse(responseCode = "403", description = "The token names no acting service"))
	EventsAccepted relay(@AuthenticationPrincipal AuthPrincipal caller, @Valid @RequestBody EventBatch batch) {
		String service = caller.actingService().orElseThrow(ActivityProblems.NotAServiceException::new);
		List<PlatformEvent> events = Objects.requireNonNull(batch.events());
		this.intake.relay(caller, service, events);
		return new EventsAccepted(events.size());
	}

}
