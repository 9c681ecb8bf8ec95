package io.temponest.agents.knowledge;

import java.io.IOException;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
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
 * The SDK's knowledge API ({@code /rag/*}) on this service's base URL: every call is
 * forwarded to the ingestion service with the caller's credentials. Its refusals (4xx)
 * are relayed unchanged; when it is unreachable or failing the answer is 503 (504 when it
 * does not answer in time), type {@value KnowledgeUnavailableException#TYPE}.
 */
@RestController
@RequestMapping("/rag")
@Tag(name = "knowledge")
class RagController {

	private final KnowledgeClient knowledge;

	RagController(KnowledgeClient knowledge) {
		this.knowledge = knowledge;
	}

	@KnowledgeResponses
	@PostMapping("/collections")
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize("hasAuthority('agents:execute')")
	@Operation(summary = "Create a knowledge collection",
			responses = @ApiResponse(responseCode = "201", description = "The new collection",
					content = @Content(mediaType = "application/json",
							schema = @Schema(implementation = KnowledgeCollection.class))))
	KnowledgeCollection createCollection(HttpServletRequest request, @RequestBody CollectionRequest body) {
		return this.knowledge.createCollection(ForwardedCredentials.of(request), body);
	}

	@KnowledgeResponses
	@GetMapping("/collections")
	@PreAuthorize("hasAuthority('agents:read')")
	@Operation(
			summary = "The tenant's collections (a bare array with skip/limit, the envelope "
					+ "{collections,total,page,page_size} with page/page_size)",
			responses = @ApiResponse(responseCode = "200",
					description = "An array of collections, or the envelope when page or page_size is given",
					content = @Content(mediaType = "application/json",
							schema = @Schema(oneOf = { KnowledgeCollection[].class, CollectionPage.class }))))
	Object listCollections(HttpServletRequest request, @RequestParam(required = false) @Nullable Integer skip,
			@RequestParam(required = false) @Nullable Integer limit,
			@RequestParam(required = false) @Nullable String search,
			@RequestParam(required = false) @Nullable Integer page,
			@RequestParam(name = "page_size", required = false) @Nullable Integer pageSize) {
		ForwardedCredentials caller = ForwardedCredentials.of(request);
		if (page != null || pageSize != null) {
			return this.knowledge.pageCollections(caller, page, pageSize, search);
		}
		return this.knowledge.listCollections(caller, skip, limit, search);
	}

	@KnowledgeResponses
	@GetMapping("/collections/{id}")
	@PreAuthorize("hasAuthority('agents:read')")
	@Operation(summary = "One collection",
			responses = @ApiResponse(responseCode = "200", description = "The collection",
					content = @Content(mediaType = "application/json",
							schema = @Schema(implementation = KnowledgeCollection.class))))
	KnowledgeCollection getCollection(HttpServletRequest request, @PathVariable String id) {
		return this.knowledge.getCollection(ForwardedCredentials.of(request), id);
	}

	@KnowledgeResponses
	@PatchMapping("/collections/{id}")
	@PreAuthorize("hasAuthority('agents:execute')")
	@Operation(summary = "Rename or describe a collection",
			responses = @ApiResponse(responseCode = "200", description = "The changed collection",
					content = @Content(mediaType = "application/json",
							schema = @Schema(implementation = KnowledgeCollection.class))))
	KnowledgeCollection updateCollection(HttpServletRequest request, @PathVariable String id,
			@RequestBody CollectionPatch patch) {
		return this.knowledge.updateCollection(ForwardedCredentials.of(request), id, patch);
	}

	@KnowledgeResponses
	@DeleteMapping("/collections/{id}")
	@PreAuthorize("hasAuthority('agents:execute')")
	@Operation(summary = "Delete a collection with its documents",
			responses = @ApiResponse(responseCode = "204", description = "Deleted"))
	ResponseEntity<Void> deleteCollection(HttpServletRequest request, @PathVariable String id) {
		this.knowledge.deleteCollection(ForwardedCredentials.of(request), id);
		return ResponseEntity.noContent().build();
	}

	@KnowledgeResponses
	@PostMapping("/collections/{id}/documents")
	@PreAuthorize("hasAuthority('agents:execute')")
	@Operation(summary = "Upload a document to be indexed (multipart: file, optional metadata)",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
							schema = @Schema(implementation = UploadForm.class))),
			responses = {
					@ApiResponse(responseCode = "202", description = "Accepted: queued for indexing",
							content = @Content(mediaType = "application/json",
									schema = @Schema(implementation = KnowledgeDocument.class))),
					@ApiResponse(responseCode = "200", description = "The collection already holds the same content",
							content = @Content(mediaType = "application/json",
									schema = @Schema(implementation = KnowledgeDocument.class))) })
	ResponseEntity<KnowledgeDocument> uploadDocument(HttpServletRequest request, @PathVariable String id)
			throws IOException {
		UploadedDocument uploaded = this.knowledge.uploadDocument(ForwardedCredentials.of(request), id,
				contentType(request), request.getContentLengthLong(), request.getInputStream());
		return ResponseEntity.status(uploaded.queued() ? HttpStatus.ACCEPTED : HttpStatus.OK).body(uploaded.document());
	}

	@KnowledgeResponses
	@GetMapping("/collections/{id}/documents")
	@PreAuthorize("hasAuthority('agents:read')")
	@Operation(summary = "The documents of a collection, newest first (status filters)",
			responses = @ApiResponse(responseCode = "200", description = "The documents",
					content = @Content(mediaType = "application/json",
							array = @ArraySchema(schema = @Schema(implementation = KnowledgeDocument.class)))))
	List<KnowledgeDocument> listDocuments(HttpServletRequest request, @PathVariable String id,
			@RequestParam(required = false) @Nullable Integer skip,
			@RequestParam(required = false) @Nullable Integer limit,
			@RequestParam(required = false) @Nullable String status) {
		return this.knowledge.listDocuments(ForwardedCredentials.of(request), id, skip, limit, status);
	}

	@KnowledgeResponses
	@GetMapping("/documents/{id}")
	@PreAuthorize("hasAuthority('agents:read')")
	@Operation(summary = "One document and its indexing status",
			responses = @ApiResponse(responseCode = "200", description = "The document",
					content = @Content(mediaType = "application/json",
							schema = @Schema(implementation = KnowledgeDocument.class))))
	KnowledgeDocument getDocument(HttpServletRequest request, @PathVariable String id) {
		return this.knowledge.getDocument(ForwardedCredentials.of(request), id);
	}

	@KnowledgeResponses
	@DeleteMapping("/documents/{id}")
	@PreAuthorize("hasAuthority('agents:execute')")
	@Operation(summary = "Delete a document and its chunks",
			responses = @ApiResponse(responseCode = "204", description = "Deleted"))
	ResponseEntity<Void> deleteDocument(HttpServletRequest request, @PathVariable String id) {
		this.knowledge.deleteDocument(ForwardedCredentials.of(request), id);
		return ResponseEntity.noContent().build();
	}

	@KnowledgeResponses
	@PostMapping("/collections/{id}/query")
	@PreAuthorize("hasAuthority('agents:read')")
	@Operation(summary = "The excerpts of a collection that best match a query, best first", responses = @ApiResponse(
			responseCode = "200", description = "The excerpts",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = QueryResult.class))))
	QueryResult query(HttpServletRequest request, @PathVariable String id, @RequestBody QueryRequest query) {
		return this.knowledge.query(ForwardedCredentials.of(request), id, query);
	}

	/**
	 * A refusal of the ingestion service, relayed as it came: same status, same body.
	 * @param ex the refusal
	 * @return the answer
	 */
	@ExceptionHandler(KnowledgeRejectedException.class)
	ResponseEntity<byte[]> relay(KnowledgeRejectedException ex) {
		ResponseEntity.BodyBuilder answer = ResponseEntity.status(ex.status());
		if (ex.contentType() != null) {
			answer.header(HttpHeaders.CONTENT_TYPE, ex.contentType());
		}
		if (ex.retryAfter() != null) {
			answer.header(HttpHeaders.RETRY_AFTER, ex.retryAfter());
		}
		return answer.body(ex.body());
	}

	/** The caller's content type as sent; one that does not parse is refused with 415. */
	private static String contentType(HttpServletRequest request) {
		String given = request.getContentType();
		if (given == null) {
			return MediaType.APPLICATION_OCTET_STREAM_VALUE;
		}
		try {
			MediaType.parseMediaType(given);
			return given;
		}
		catch (InvalidMediaTypeException ex) {
			throw new ErrorResponseException(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
		}
	}

}
