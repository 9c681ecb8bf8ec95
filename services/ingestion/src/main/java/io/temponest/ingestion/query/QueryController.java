package io.temponest.ingestion.query;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temponest.security.AuthPrincipal;
import jakarta.validation.Valid;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The SDK's query API: the chunks of a collection most similar to a text. */
@RestController
@Tag(name = "query")
class QueryController {

	private final KnowledgeSearch search;

	QueryController(KnowledgeSearch search) {
		this.search = search;
	}

	@PostMapping("/rag/collections/{id}/query")
	@PreAuthorize("hasAuthority('agents:read')")
	@Operation(summary = "The chunks most similar to the query, best first, optionally filtered by metadata and "
			+ "a least score; cached until the collection's documents change")
	QueryResult query(@AuthenticationPrincipal AuthPrincipal caller, @PathVariable UUID id,
			@Valid @RequestBody QueryRequest request) {
		return this.search.search(caller.tenantUuid(), id, request);
	}

}
