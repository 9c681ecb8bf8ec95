package io.temponest.security.web;

import java.io.IOException;
import java.io.Writer;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

/**
 * Tomcat's last word on a response: errors Tomcat answers itself, before any filter or
 * servlet runs (a request line with {@code %00} or an encoded slash, a URL or header
 * block over the size limit), get a problem body instead of Tomcat's HTML page. Errors
 * that reached the application already carry a body and pass untouched.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

	private static final Logger log = LoggerFactory.getLogger(ProblemErrorReportValve.class);

	private final ProblemResponses problems;

	/**
	 * Create the valve.
	 * @param problems builds and serializes the problem bodies
	 */
	public ProblemErrorReportValve(ProblemResponses problems) {
		this.problems = problems;
		setShowReport(false);
		setShowServerInfo(false);
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		HttpStatus resolved = HttpStatus.resolve(status);
		String detail = (resolved == null) ? "Error"
				: resolved.is5xxServerError() ? PlatformExceptionHandler.INTERNAL_ERROR : resolved.getReasonPhrase();
		if (request.getAttribute(RequestIdFilter.ATTRIBUTE) == null) {
			request.setAttribute(RequestIdFilter.ATTRIBUTE,
					RequestIdFilter.accept(request.getHeader(RequestIdFilter.HEADER)));
		}
		try {
			String body = this.problems.toJson(this.problems.create(HttpStatusCode.valueOf(status), detail, request));
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("utf-8");
			response.setHeader(RequestIdFilter.HEADER, RequestIdFilter.requestId(request));
			response.setHeader("X-Content-Type-Options", "nosniff");
			response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(body);
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			log.debug("Could not write the problem body of a container error", ex);
		}
	}

}
