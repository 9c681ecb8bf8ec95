package io.temponest.ingestion.collection;

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
import jakarta.validation.constraints.Size;
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
 * The SDK's collections API: create, list, read, rename and delete knowledge collections.
 */
@RestController
@RequestMapping("/rag/collections")
@Tag(name = "collections")
class CollectionController {

	private final Collections collections;

	CollectionController(Collections collections) {
		this.collections = collections;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize("hasAuthority('agents:execute')")
	@Operation(summary = "Create a collection",
			responses = { @ApiResponse(responseCode = "201", description = "Created"),
					@ApiResponse(responseCode = "409", description = "The tenant has a collection of that name") })
	KnowledgeCollection create(@AuthenticationPrincipal AuthPrincipal caller,
			@Valid @RequestBody CollectionRequest request) {
		return this.collections.create(caller, request);
	}

	@GetMapping
	@PreAuthorize("hasAuthority('agents:read')")
	@Operation(
			summary = "The tenant's collections, oldest first (a bare array with skip/limit, the envelope "
					+ "{collections,total,page,page_size} with page/page_size)",
			responses = @ApiResponse(responseCode = "200",
					description = "An array of collections, or the envelope when page or page_size is given",
					content = @Content(mediaType = "application/json",
							schema = @Schema(oneOf = { KnowledgeCollection[].class, CollectionPage.class }))))
	Object list(@RequestParam(required = false) @Min(1) @Nullable Integer page,
			@RequestParam(name = "page_size",
					required = false) @Min(1) @Max(Paging.MAX_SIZE) @Nullable Integer pageSize,
			@RequestParam(required = false) @Min(0) @Nullable Integer skip,
			@RequestParam(required = false) @Min(1) @Max(Paging.MAX_SIZE) @Nullable Integer limit,
			@RequestParam(required = false) @Size(max = 255) @Nullable String search) {
		Paging paging = Paging.of(page, pageSize, skip, limit);
		String needle = (search != null && !search.isBlank()) ? search.strip() : null;
		Collections.Page result = this.collections.list(needle, paging.offset(), paging.limit());
		if (!paging.envelope()) {
			return result.collections();
		}
		return new CollectionPage(result.collections(), result.total(), paging.page(), paging.pageSize());
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('agents:read')")
	@Operation(summary = "One collection")
	KnowledgeCollection get(@PathVariable UUID id) {
		return this.collections.get(id);
	}

	@PatchMapping("/{id}")
	@PreAuthorize("hasAuthority('agents:execute')")
	@Operation(summary = "Rename a collection or change its description",
			responses = { @ApiResponse(responseCode = "200", description = "Changed"),
					@ApiResponse(responseCode = "409", description = "The tenant has a collection of that name") })
	KnowledgeCollection update(@PathVariable UUID id, @Valid @RequestBody CollectionPatch patch) {
		return this.collections.update(id, patch);
	}

	@DeleteMapping("/{id}")
	@PreAuthorize("hasAuthority('agents:execute')")
	@Operation(summary = "Delete a collection with its documents and chunks",
			responses = @ApiResponse(responseCode = "204", description = "Deleted"))
	ResponseEntity<Void> delete(@PathVariable UUID id) {
		this.collections.delete(id);
		return ResponseEntity.noContent().build();
	}

}
