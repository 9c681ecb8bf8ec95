package io.temponest.agents.knowledge;

import java.io.IOException;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.temponest.security.web.RequestSizeLimitFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The request body cap with room for documents: uploads to {@code POST
 * /rag/collections/{id}/documents} may be as large as a document may be, every other
 * request stays under the platform's cap.
 */
final class UploadSizeLimitFilter extends OncePerRequestFilter {

	private static final Pattern UPLOAD = Pattern.compile("/rag/collections/[^/]+/documents/?");

	private final Supplier<RequestSizeLimitFilter> uploads;

	private final RequestSizeLimitFilter others;

	UploadSizeLimitFilter(Supplier<RequestSizeLimitFilter> uploads, RequestSizeLimitFilter others) {
		this.uploads = uploads;
		this.others = others;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		boolean upload = "POST".equals(request.getMethod()) && UPLOAD.matcher(path).matches();
		(upload ? this.uploads.get() : this.others).doFilter(request, response, chain);
	}

}
