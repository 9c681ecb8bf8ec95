package io.temponest.agents.webhook;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temponest.security.AuthPrincipal;
import io.temponest.security.web.Paging;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Webhooks under both clients' contracts: CRUD, a new secret, the event catalogue, a
 * webhook's deliveries, one delivery, a delivery sent again, a test delivery, and the
 * webhooks' health. Writes need {@code webhooks:manage}; reads {@code webhooks:manage} or
 * {@code agents:read}.
 */
@RestController
@RequestMapping("/webhooks")
@Tag(name = "webhooks")
class WebhookController {

	private static final String READ = "hasAnyAuthority('webhooks:manage', 'agents:read')";

	private static final String MANAGE = "hasAuthority('webhooks:manage')";

	private static final String STATUSES = "pending|success|delivered|failed|retrying";

	private final Webhooks webhooks;

	WebhookController(Webhooks webhooks) {
		this.webhooks = webhooks;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize(MANAGE)
	@Operation(summary = "Create a webhook (the secret, generated when not given, is in this answer only)",
			responses = @ApiResponse(responseCode = "422",
					description = "A URL that is not http(s) or reaches a refused address, an unknown event, a bad header"))
	WebhookView create(@AuthenticationPrincipal AuthPrincipal caller, @Valid @RequestBody WebhookRequest request) {
		return this.webhooks.create(caller, request);
	}

	@GetMapping
	@PreAuthorize(READ)
	@Operation(
			summary = "The tenant's webhooks, newest first (a bare array with skip/limit or no paging, the envelope "
					+ "{webhooks,total,page,page_size} with page/page_size)",
			responses = @ApiResponse(responseCode = "200",
					description = "An array of webhooks, or the envelope when page or page_size is given",
					content = @Content(mediaType = "application/json",
							schema = @Schema(oneOf = { WebhookView[].class, WebhookPage.class }))))
	Object list(@RequestParam(required = false) @Min(1) @Max(1_000_000) @Nullable Integer page,
			@RequestParam(name = "page_size",
					required = false) @Min(1) @Max(Paging.MAX_SIZE) @Nullable Integer pageSize,
			@RequestParam(required = false) @Min(0) @Max(1_000_000) @Nullable Integer skip,
			@RequestParam(required = false) @Min(1) @Max(Paging.MAX_SIZE) @Nullable Integer limit,
			@RequestParam(name = "is_active", required = false) @Nullable Boolean active) {
		Paging paging = Paging.of(page, pageSize, skip, limit);
		Webhooks.Page<WebhookView> result = this.webhooks.list(active, paging.offset(), paging.limit());
		if (!paging.envelope()) {
			return result.rows();
		}
		return new WebhookPage(result.rows(), result.total(), paging.page(), paging.pageSize());
	}

	@GetMapping("/events")
	@PreAuthorize(READ)
	@Operation(summary = "The event catalogue: every event a webhook can subscribe to")
	List<String> events() {
		return EventCatalogue.NAMES;
	}

	@GetMapping("/health/all")
	@PreAuthorize(READ)
	@Operation(summary = "The health of the tenant's webhooks, by name: status, success rate of the last 24 h, "
			+ "circuit breaker, last attempts, open and dead deliveries")
	WebhookHealth.All healthAll() {
		return new WebhookHealth.All(this.webhooks.health(null));
	}

	@GetMapping("/{id}/health")
	@PreAuthorize(READ)
	@Operation(summary = "The health of one webhook")
	WebhookHealth healthOne(@PathVariable UUID id) {
		return this.webhooks.health(id).stream().findFirst().orElseThrow(WebhookProblems.WebhookNotFoundException::new);
	}

	@GetMapping("/{id}")
	@PreAuthorize(READ)
	@Operation(summary = "One webhook (without its secret)")
	WebhookView get(@PathVariable UUID id) {
		return this.webhooks.get(id);
	}

	@PatchMapping("/{id}")
	@PreAuthorize(MANAGE)
	@Operation(summary = "Change a webhook's given fields (a new url closes its circuit and resets its failure count)")
	WebhookView update(@PathVariable UUID id, @Valid @RequestBody WebhookPatch patch) {
		return this.webhooks.update(id, patch);
	}

	@DeleteMapping("/{id}")
	@PreAuthorize(MANAGE)
	@Operation(summary = "Delete a webhook and its deliveries",
			responses = @ApiResponse(responseCode = "204", description = "Deleted"))
	ResponseEntity<Void> delete(@PathVariable UUID id) {
		this.webhooks.delete(id);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/regenerate-secret")
	@PreAuthorize(MANAGE)
	@Operation(summary = "Replace a webhook's signing secret (32 random bytes as 64 hex digits); "
			+ "deliveries sent from now on are signed with it")
	SecretView regenerateSecret(@PathVariable UUID id) {
		String secret = this.webhooks.regenerateSecret(id);
		return new SecretView(secret, secret);
	}

	@PostMapping("/{id}/test")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@PreAuthorize(MANAGE)
	@Operation(summary = "Queue a webhook.test delivery to the webhook (sent by the dispatcher)")
	DeliveryView test(@AuthenticationPrincipal AuthPrincipal caller, @PathVariable UUID id) {
		return this.webhooks.test(caller, id);
	}

	@GetMapping("/{id}/deliveries")
	@PreAuthorize(READ)
	@Operation(
			summary = "A webhook's deliveries, newest first (a bare array with skip/limit or no paging, status "
					+ "success; the envelope {deliveries,total,page,page_size} with page/page_size, status delivered)",
			responses = @ApiResponse(responseCode = "200",
					description = "An array of deliveries, or the envelope when page or page_size is given",
					content = @Content(mediaType = "application/json",
							schema = @Schema(oneOf = { DeliveryView[].class, DeliveryPage.class }))))
	Object deliveries(@PathVariable UUID id,
			@RequestParam(required = false) @Min(1) @Max(1_000_000) @Nullable Integer page,
			@RequestParam(name = "page_size",
					required = false) @Min(1) @Max(Paging.MAX_SIZE) @Nullable Integer pageSize,
			@RequestParam(required = false) @Min(0) @Max(1_000_000) @Nullable Integer skip,
			@RequestParam(required = false) @Min(1) @Max(Paging.MAX_SIZE) @Nullable Integer limit,
			@RequestParam(required = false) @Pattern(regexp = STATUSES,
					message = "must be pending, success, delivered, failed or retrying") @Nullable String status) {
		Paging paging = Paging.of(page, pageSize, skip, limit);
		String stored = "success".equals(status) ? "delivered" : status;
		Webhooks.Page<DeliveryView> result = this.webhooks.deliveries(id, stored, paging.offset(), paging.limit());
		if (!paging.envelope()) {
			return result.rows();
		}
		return new DeliveryPage(result.rows().stream().map(DeliveryView::serverStatus).toList(), result.total(),
				paging.page(), paging.pageSize());
	}

	@GetMapping("/deliveries/{id}")
	@PreAuthorize(READ)
	@Operation(summary = "One delivery")
	DeliveryView delivery(@PathVariable UUID id) {
		return this.webhooks.delivery(id);
	}

	@PostMapping("/deliveries/{id}/retry")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@PreAuthorize(MANAGE)
	@Operation(summary = "Send a delivery again: a delivered or dead one is queued once more with the webhook's "
			+ "retries, a waiting one is made due now")
	DeliveryView retry(@PathVariable UUID id) {
		return this.webhooks.retry(id);
	}

}
