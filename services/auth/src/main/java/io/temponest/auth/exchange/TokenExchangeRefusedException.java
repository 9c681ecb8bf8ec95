package io.temponest.auth.exchange;

import io.temponest.security.web.DomainException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A token exchange was refused: a problem body with the {@code detail} and the OAuth
 * {@code error} code (RFC 6749 §5.2); 401 with {@code WWW-Authenticate: Basic} when the
 * client could not be authenticated, else 400.
 */
public class TokenExchangeRefusedException extends DomainException {

	private static final long serialVersionUID = 1L;

	private final String error;

	TokenExchangeRefusedException(String error, String detail) {
		super(ExchangeErrors.INVALID_CLIENT.equals(error) ? HttpStatus.UNAUTHORIZED : HttpStatus.BAD_REQUEST, detail);
		this.error = error;
		getBody().setProperty("error", error);
		if (ExchangeErrors.INVALID_CLIENT.equals(error)) {
			getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"temponest\"");
		}
	}

	/**
	 * The OAuth error code.
	 * @return the code, such as {@code invalid_grant}
	 */
	public String error() {
		return this.error;
	}

}
