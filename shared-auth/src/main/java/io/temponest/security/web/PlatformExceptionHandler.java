package io.temponest.security.web;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.temponest.security.database.FailureLog;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.ErrorResponse;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestCookieException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every exception that reaches Spring MVC into an RFC 9457 problem with
 * {@code detail}, {@code service} and {@code request_id}. Bad input (Bean Validation,
 * unreadable JSON, wrong types, missing parameters) is 422 with {@code errors: [{field,
 * message}]} and never echoes the submitted value; framework errors carry their reason
 * phrase; {@link ErrorResponseException}s (including {@code ResponseStatusException})
 * keep their status and detail; anything unexpected is logged and answered with 500
 * "Internal server error". Services may extend this class to add handlers.
 */
@RestControllerAdvice
public class PlatformExceptionHandler extends ResponseEntityExceptionHandler {

	/** Detail of unexpected failures. */
	public static final String INTERNAL_ERROR = "Internal server error";

	/** Detail of invalid input. */
	public static final String VALIDATION_FAILED = "Request validation failed";

	/** Detail of an unreadable body. */
	public static final String MALFORMED_BODY = "Malformed request body";

	/** Name of the problem property listing field errors. */
	public static final String ERRORS = "errors";

	private static final Logger log = LoggerFactory.getLogger(PlatformExceptionHandler.class);

	private static final Pattern SAFE_FIELD = Pattern.compile("[A-Za-z0-9_.\\[\\]-]{1,200}");

	private static final AuthenticationTrustResolver trustResolver = new AuthenticationTrustResolverImpl();

	/** Detail of a request that failed because the database is unreachable. */
	public static final String DATABASE_UNAVAILABLE = "The database is unavailable; retry shortly";

	/**
	 * Detail of a request that failed because every database connection stayed in use
	 * (the service is overloaded, the database answers).
	 */
	public static final String SERVICE_BUSY = "The service is busy; retry shortly";

	private final ProblemResponses problems;

	private final JsonFieldNames fieldNames;

	private final DatabaseOutageAnswer databaseOutage;

	private final FailureLog failures = new FailureLog(log, Duration.ofMinutes(1), Clock.systemUTC());

	/**
	 * Create the handler that reports fields by their Java names (or
	 * {@code @JsonProperty} names).
	 * @param problems completes problem bodies
	 */
	public PlatformExceptionHandler(ProblemResponses problems) {
		this(problems, new JsonFieldNames(null));
	}

	/**
	 * Create the handler.
	 * @param problems completes problem bodies
	 * @param fieldNames names fields of validation errors as clients send them
	 */
	public PlatformExceptionHandler(ProblemResponses problems, JsonFieldNames fieldNames) {
		this(problems, fieldNames, Duration.ofSeconds(1));
	}

	/**
	 * Create the handler.
	 * @param problems completes problem bodies
	 * @param fieldNames names fields of validation errors as clients send them
	 * @param databaseRetryAfter the {@code Retry-After} of a 503 for an unreachable
	 * database
	 */
	public PlatformExceptionHandler(ProblemResponses problems, JsonFieldNames fieldNames, Duration databaseRetryAfter) {
		this.problems = problems;
		this.fieldNames = fieldNames;
		this.databaseOutage = new DatabaseOutageAnswer(databaseRetryAfter);
	}

	/**
	 * Denied method-security checks: 403 naming the missing permission, or 401 when the
	 * caller is anonymous.
	 * @param ex the denial
	 * @param request the request
	 * @return the problem response
	 */
	@ExceptionHandler(AccessDeniedException.class)
	public ResponseEntity<Object> handleAccessDenied(AccessDeniedException ex, WebRequest request) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || trustResolver.isAnonymous(authentication)) {
			return unauthorized(ex, PlatformAuthenticationEntryPoint.MISSING, request);
		}
		return respond(ex, HttpStatus.FORBIDDEN, PermissionDenials.detail(ex), null, new HttpHeaders(), request);
	}

	/**
	 * Authentication failures raised inside handlers: 401.
	 * @param ex the failure
	 * @param request the request
	 * @return the problem response
	 */
	@ExceptionHandler(AuthenticationException.class)
	public ResponseEntity<Object> handleAuthentication(AuthenticationException ex, WebRequest request) {
		return unauthorized(ex, (ex instanceof AuthenticationCredentialsNotFoundException)
				? PlatformAuthenticationEntryPoint.MISSING : PlatformAuthenticationEntryPoint.INVALID, request);
	}

	/**
	 * Anything else: 413 for a body that grew too large while being read, 422 for a value
	 * the database refused to store (such as a NUL character), 503 with
	 * {@code Retry-After} when the database is unreachable, else 500 "Internal server
	 * error" (logged with the request id, message not exposed, traces of one cause at
	 * most once a minute).
	 * @param ex the failure
	 * @param request the request
	 * @return the problem response
	 */
	@ExceptionHandler(Exception.class)
	public ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
		if (RequestBodyTooLargeException.isCauseOf(ex)) {
			return tooLarge(ex, request);
		}
		if (this.databaseOutage.appliesTo(ex)) {
			DatabaseOutageAnswer.Reply reply = this.databaseOutage.answer(ex);
			return respond(ex, HttpStatus.SERVICE_UNAVAILABLE, reply.detail(), null, reply.headers(), request);
		}
		if (UnstorableValue.isCauseOf(ex)) {
			log.debug("Value refused by the database", ex);
			return unprocessable(ex, VALIDATION_FAILED,
					List.of(new ValidationError("body",
							"contains a value that cannot be stored (such as a NUL character)")),
					new HttpHeaders(), request);
		}
		return handleExceptionInternal(ex, null, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<ValidationError> errors = new ArrayList<>();
		Object target = ex.getBindingResult().getTarget();
		Class<?> type = (target != null) ? target.getClass() : null;
		for (FieldError error : ex.getBindingResult().getFieldErrors()) {
			errors.add(new ValidationError(this.fieldNames.of(type, error.getField()), message(error)));
		}
		for (ObjectError error : ex.getBindingResult().getGlobalErrors()) {
			errors.add(new ValidationError(error.getObjectName(), message(error)));
		}
		return unprocessable(ex, VALIDATION_FAILED, errors, headers, request);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<ValidationError> errors = new ArrayList<>();
		for (ParameterValidationResult result : ex.getParameterValidationResults()) {
			if (result instanceof ParameterErrors parameterErrors) {
				for (FieldError error : parameterErrors.getFieldErrors()) {
					errors.add(new ValidationError(error.getField(), message(error)));
				}
				for (ObjectError error : parameterErrors.getGlobalErrors()) {
					errors.add(new ValidationError(parameterName(result), message(error)));
				}
			}
			else {
				for (MessageSourceResolvable error : result.getResolvableErrors()) {
					errors.add(new ValidationError(parameterName(result), message(error)));
				}
			}
		}
		return unprocessable(ex, VALIDATION_FAILED, errors, headers, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (RequestBodyTooLargeException.isCauseOf(ex)) {
			return tooLarge(ex, request);
		}
		return unprocessable(ex, MALFORMED_BODY, List.of(readError(ex)), headers, request);
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String field = (ex instanceof MethodArgumentTypeMismatchException mismatch) ? mismatch.getName()
				: ex.getPropertyName();
		String expected = (ex.getRequiredType() != null) ? ex.getRequiredType().getSimpleName() : null;
		return unprocessable(ex, VALIDATION_FAILED, List.of(new ValidationError(safeField(field), invalid(expected))),
				headers, request);
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return unprocessable(ex, VALIDATION_FAILED,
				List.of(new ValidationError(safeField(ex.getParameterName()), "is required")), headers, request);
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestPart(MissingServletRequestPartException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return unprocessable(ex, VALIDATION_FAILED,
				List.of(new ValidationError(safeField(ex.getRequestPartName()), "is required")), headers, request);
	}

	@Override
	protected ResponseEntity<Object> handleServletRequestBindingException(ServletRequestBindingException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String field = "request";
		if (ex instanceof MissingRequestHeaderException missingHeader) {
			field = missingHeader.getHeaderName();
		}
		else if (ex instanceof MissingRequestCookieException missingCookie) {
			field = missingCookie.getCookieName();
		}
		return unprocessable(ex, VALIDATION_FAILED, List.of(new ValidationError(safeField(field), "is required")),
				headers, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
			HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
		ProblemDetail problem = (body instanceof ProblemDetail given) ? given
				: (ex instanceof ErrorResponse errorResponse) ? errorResponse.getBody()
						: ProblemDetail.forStatus(statusCode);
		if (statusCode.value() == HttpStatus.INTERNAL_SERVER_ERROR.value() && !(ex instanceof ErrorResponseException)) {
			this.failures.log(true, "Unexpected error", ex);
			problem.setDetail(INTERNAL_ERROR);
		}
		else if (!(ex instanceof ErrorResponseException)) {
			// framework messages may quote the request (path, method, content type)
			problem.setDetail(reasonPhrase(statusCode));
		}
		return respond(ex, problem, headers, statusCode, request);
	}

	private ResponseEntity<Object> unprocessable(Exception ex, String detail, List<ValidationError> errors,
			HttpHeaders headers, WebRequest request) {
		return respond(ex, HttpStatus.UNPROCESSABLE_CONTENT, detail, errors, headers, request);
	}

	private ResponseEntity<Object> unauthorized(Exception ex, String detail, WebRequest request) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		return respond(ex, HttpStatus.UNAUTHORIZED, detail, null, headers, request);
	}

	private ResponseEntity<Object> tooLarge(Exception ex, WebRequest request) {
		return respond(ex, HttpStatus.CONTENT_TOO_LARGE, "Request body exceeds the maximum size", null,
				new HttpHeaders(), request);
	}

	private ResponseEntity<Object> respond(Exception ex, HttpStatus status, String detail,
			@Nullable List<ValidationError> errors, HttpHeaders headers, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		if (errors != null) {
			problem.setProperty(ERRORS, errors);
		}
		return respond(ex, problem, headers, status, request);
	}

	private ResponseEntity<Object> respond(Exception ex, ProblemDetail problem, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		this.problems.enrich(problem, servletRequest(request));
		return super.handleExceptionInternal(ex, problem, headers, status, request);
	}

	private static ValidationError readError(HttpMessageNotReadableException ex) {
		for (Throwable cause = ex.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
			if (cause instanceof PropertyBindingException) {
				return new ValidationError("body", "Unknown or unexpected field");
			}
			if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
				Class<?> target = mismatch.getTargetType();
				return new ValidationError(safeField(path(mismatch.getPath())),
						invalid((target != null) ? target.getSimpleName() : null));
			}
		}
		if (ex.getCause() == null && ex.getMessage() != null
				&& ex.getMessage().startsWith("Required request body is missing")) {
			return new ValidationError("body", "Request body is missing");
		}
		return new ValidationError("body", "Malformed JSON");
	}

	private static String path(List<JacksonException.Reference> references) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : references) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static String invalid(@Nullable String expectedType) {
		return (expectedType != null) ? "Invalid value (expected " + expectedType + ")" : "Invalid value";
	}

	private static String safeField(@Nullable String field) {
		return (field != null && SAFE_FIELD.matcher(field).matches()) ? field : "body";
	}

	private static String parameterName(ParameterValidationResult result) {
		MethodParameter parameter = result.getMethodParameter();
		RequestParam requestParam = parameter.getParameterAnnotation(RequestParam.class);
		if (requestParam != null && !requestParam.name().isEmpty()) {
			return requestParam.name();
		}
		PathVariable pathVariable = parameter.getParameterAnnotation(PathVariable.class);
		if (pathVariable != null && !pathVariable.name().isEmpty()) {
			return pathVariable.name();
		}
		String name = parameter.getParameterName();
		return (name != null) ? name : "parameter";
	}

	private static String message(MessageSourceResolvable error) {
		String message = error.getDefaultMessage();
		return (message != null) ? message : "is invalid";
	}

	private static String reasonPhrase(HttpStatusCode statusCode) {
		HttpStatus status = HttpStatus.resolve(statusCode.value());
		return (status != null) ? status.getReasonPhrase() : "Error";
	}

	private static @Nullable HttpServletRequest servletRequest(WebRequest request) {
		return (request instanceof NativeWebRequest nativeRequest)
				? nativeRequest.getNativeRequest(HttpServletRequest.class) : null;
	}

}
