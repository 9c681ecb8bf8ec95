package io.temponest.security.testapp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.temponest.security.AuthPrincipal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.server.ResponseStatusException;

/** Endpoints of the test service, one per behaviour under test. */
@RestController
public class ProtectedController {

	private final RestClient downstream;

	private final TenantProbe database;

	public ProtectedController(RestClient.Builder restClientBuilder, TenantProbe database) {
		this.downstream = restClientBuilder.baseUrl(AuthServiceStub.baseUrl()).build();
		this.database = database;
	}

	@GetMapping("/api/lookup")
	public Map<String, String> lookup(@RequestParam String name) {
		return Map.of("found", this.database.echo(name));
	}

	@PostMapping("/api/store")
	public Map<String, String> store(@RequestBody String json) {
		return Map.of("stored", this.database.store(json));
	}

	@GetMapping("/api/me")
	public Map<String, Object> me(@AuthenticationPrincipal AuthPrincipal principal, Authentication authentication) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("principal", principal);
		body.put("name", authentication.getName());
		body.put("authorities", authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList());
		return body;
	}

	@PostMapping("/api/agents/run")
	@PreAuthorize("hasAuthority('agents:execute')")
	public Map<String, String> runAgent() {
		return Map.of("status", "started");
	}

	@GetMapping("/api/reports")
	@PreAuthorize("hasAuthority('reports:read') and hasAuthority('reports:export')")
	public Map<String, String> reports() {
		return Map.of("status", "ok");
	}

	@PostMapping("/api/echo")
	public Map<String, Object> echo(@Valid @RequestBody EchoRequest request) {
		return Map.of("name", request.name(), "count", request.count());
	}

	@GetMapping("/api/items")
	public Map<String, Object> items(@RequestParam @Min(1) int page) {
		return Map.of("page", page);
	}

	@PostMapping("/api/upload")
	public Map<String, Object> upload(@RequestBody String body) {
		return Map.of("length", body.length());
	}

	@GetMapping("/api/downstream")
	public Map<String, Object> callDownstream() {
		return Map.of("status",
				this.downstream.get().uri("/downstream").retrieve().toBodilessEntity().getStatusCode().value());
	}

	@GetMapping("/api/conflict")
	public Map<String, Object> conflict() {
		throw new ResponseStatusException(HttpStatus.CONFLICT, "Agent is already running");
	}

	@GetMapping("/api/boom")
	public Map<String, Object> boom() {
		throw new IllegalStateException("connection to db-internal.local:5432 failed for password hunter2");
	}

	@GetMapping("/api-keys")
	public List<String> apiKeys() {
		return List.of("key-1");
	}

	@GetMapping("/public/ping")
	public Map<String, String> ping() {
		return Map.of("status", "pong");
	}

	@GetMapping("/public/limited")
	public Map<String, String> limited() {
		return Map.of("status", "pong");
	}

	/** Body of {@code POST /api/echo}. */
	public record EchoRequest(@NotBlank @Size(max = 20) String name, @Min(1) int count) {
	}

}
