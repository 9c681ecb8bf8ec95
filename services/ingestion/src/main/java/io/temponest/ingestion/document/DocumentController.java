package io.temponest.ingestion.document;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temponest.ingestion.ingest.IngestProperties;
import io.temponest.ingestion.parse.DocumentType;
import io.temponest.security.AuthPrincipal;
import io.temponest.security.web.Paging;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The SDK's documents API: upload to a collection (answered 202 at once, processed by the
 * workers), list a collection's documents, read one with its status and progress, delete
 * one with its chunks.
 */
@RestController
@Tag(name = "documents")
class DocumentController {

	private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
	};

	private static final int MAX_METADATA_CHARACTERS = 64 * 1024;

	private final Documents documents;

	private final IngestProperties properties;

	private final JsonMapper json;

	DocumentController(Documents documents, IngestProperties properties, JsonMapper json) {
		this.documents = documents;
		this.properties = properties;
		this.json = json;
	}

	@PostMapping(path = "/rag/collections/{id}/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasAuthority('agents:execute')")
	@Operation(
			summary = "Upload a document (part 'file'; optional 'metadata', a JSON object or a Python dict literal): "
					+ "202 with the queued document, 200 with the existing one when the collection holds the "
					+ "same content",
			responses = { @ApiResponse(responseCode = "202", description = "Queued for processing"),
					@ApiResponse(responseCode = "200", description = "The same content is already there") })
	ResponseEntity<KnowledgeDocument> upload(@AuthenticationPrincipal AuthPrincipal caller, @PathVariable UUID id,
			@RequestPart("file") MultipartFile file,
			@RequestParam(name = "metadata", required = false) @Nullable String metadata) throws IOException {
		long limit = this.properties.maxDocumentSize().toBytes();
		if (file.getSize() > limit) {
			throw RejectedUploadException.tooLarge(limit);
		}
		if (file.isEmpty()) {
			throw RejectedUploadException.empty();
		}
		String filename = filename(file);
		byte[] content = file.getBytes();
		DocumentType type = DocumentType.detect(filename, file.getContentType(), content)
			.orElseThrow(() -> RejectedUploadException.unsupportedType(filename));
		Documents.Stored stored = this.documents.upload(caller.tenantUuid(), caller.userUuid().orElse(null), id,
				filename, type.contentType(), content, metadata(metadata));
		return ResponseEntity.status(stored.queued() ? HttpStatus.ACCEPTED : HttpStatus.OK).body(stored.document());
	}

	@GetMapping("/rag/collections/{id}/documents")
	@PreAuthorize("hasAuthority('agents:read')")
	@Operation(summary = "A collection's documents, newest first (skip/limit; status filters)")
	List<KnowledgeDocument> list(@PathVariable UUID id, @RequestParam(required = false) @Min(0) @Nullable Integer skip,
			@RequestParam(required = false) @Min(1) @Max(Paging.MAX_SIZE) @Nullable Integer limit, @RequestParam(
					required = false) @Pattern(regexp = "queued|processing|ready|failed") @Nullable String status) {
		Paging paging = Paging.of(null, null, skip, limit);
		return this.documents.list(id, status, paging.offset(), paging.limit());
	}

	@GetMapping("/rag/documents/{id}")
	@PreAuthorize("hasAuthority('agents:read')")
	@Operation(summary = "One document with its status and progress")
	KnowledgeDocument get(@PathVariable UUID id) {
		return this.documents.get(id);
	}

	@DeleteMapping("/rag/documents/{id}")
	@PreAuthorize("hasAuthority('agents:execute')")
	@Operation(summary = "Delete a document with its chunks",
			responses = @ApiResponse(responseCode = "204", description = "Deleted"))
	ResponseEntity<Void> delete(@PathVariable UUID id) {
		this.documents.delete(id);
		return ResponseEntity.noContent().build();
	}

	private static String filename(MultipartFile file) {
		String original = file.getOriginalFilename();
		if (original == null || original.isBlank()) {
			return "document";
		}
		String name = original.replace('\\', '/');
		name = name.substring(name.lastIndexOf('/') + 1).strip();
		name = name.replaceAll("\\p{Cntrl}", "");
		if (name.isEmpty()) {
			return "document";
		}
		return (name.length() > 255) ? name.substring(name.length() - 255) : name;
	}

	private Map<String, Object> metadata(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return Map.of();
		}
		if (text.length() > MAX_METADATA_CHARACTERS) {
			throw RejectedUploadException.badMetadata("longer than " + MAX_METADATA_CHARACTERS + " characters");
		}
		try {
			Map<String, Object> parsed = this.json.readValue(text, OBJECT);
			if (parsed != null) {
				return parsed;
			}
		}
		catch (JacksonException ex) {
			// not JSON: the Python SDK sends str(dict)
		}
		try {
			return PythonLiteral.dict(text);
		}
		catch (IllegalArgumentException ex) {
			throw RejectedUploadException.badMetadata(ex.getMessage());
		}
	}

}
