package io.temponest.approval.page;

import java.time.Duration;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.client.RestClientException;

/**
 * Sign-in and sign-out of the pages: the auth service checks the credentials, the access
 * token it issues is kept in the {@link SessionCookie}.
 */
@Controller
@Hidden
class LoginController {

	private static final Logger log = LoggerFactory.getLogger(LoginController.class);

	private final AuthLogin auth;

	private final SessionCookie cookie;

	LoginController(AuthLogin auth, SessionCookie cookie) {
		this.auth = auth;
		this.cookie = cookie;
	}

	@GetMapping("/login")
	String form() {
		return "login";
	}

	@PostMapping("/login")
	String login(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String password,
			HttpServletResponse response, Model model) {
		if (email.isBlank() || password.isEmpty() || email.length() > 320 || password.length() > 1024) {
			return failed(response, model, HttpStatus.UNPROCESSABLE_CONTENT, "Enter your email and password.", email);
		}
		AuthLogin.Token token;
		try {
			token = this.auth.login(email.strip(), password);
		}
		catch (RestClientException ex) {
			log.warn("Sign-in failed: the auth service could not be reached ({}: {})",
					ex.getMostSpecificCause().getClass().getSimpleName(), ex.getMostSpecificCause().getMessage());
			return failed(response, model, HttpStatus.SERVICE_UNAVAILABLE,
					"Sign-in is unavailable at the moment; try again shortly.", email);
		}
		if (token == null || token.accessToken() == null) {
			return failed(response, model, HttpStatus.UNAUTHORIZED, "Incorrect email or password.", email);
		}
		this.cookie.write(response, token.accessToken(), Duration.ofSeconds(Math.max(token.expiresIn(), 60)));
		return "redirect:/";
	}

	@PostMapping("/logout")
	String logout(HttpServletRequest request, HttpServletResponse response) {
		String token = SessionCookie.read(request);
		if (token != null) {
			this.auth.logout(token);
		}
		this.cookie.clear(response);
		return "redirect:/login";
	}

	private static String failed(HttpServletResponse response, Model model, HttpStatus status, String message,
			@Nullable String email) {
		response.setStatus(status.value());
		model.addAttribute("error", message);
		model.addAttribute("email", email);
		return "login";
	}

}
