package io.temponest.approval.request;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * Reads the {@code reason} of a decision from a JSON body ({@link DecisionBody}) or from
 * form fields (urlencoded or multipart); any {@code approver} given is ignored.
 */
@Component
class DecisionReasons {

	private final JsonMapper json;

	DecisionReasons(JsonMapper json) {
		this.json = json;
	}

	@Nullable String read(HttpServletRequest request) {
		String reason = isJson(request) ? fromJson(request) : request.getParameter("reason");
		if (reason != null && reason.length() > Approvals.MAX_REASON) {
			throw ApprovalException.reasonTooLong();
		}
		return reason;
	}

	private @Nullable String fromJson(HttpServletRequest request) {
		try {
			byte[] body = request.getInputStream().readAllBytes();
			if (body.length == 0) {
				return null;
			}
			DecisionBody decision = this.json.readValue(body, DecisionBody.class);
			return (decision != null) ? decision.reason() : null;
		}
		catch (JacksonException | IOException ex) {
			throw new HttpMessageNotReadableException("Malformed JSON", ex, new ServletServerHttpRequest(request));
		}
	}

	private static boolean isJson(HttpServletRequest request) {
		String type = request.getContentType();
		if (type == null) {
			return false;
		}
		try {
			MediaType mediaType = MediaType.parseMediaType(type);
			return mediaType.isCompatibleWith(MediaType.APPLICATION_JSON) || mediaType.getSubtype().endsWith("+json");
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
