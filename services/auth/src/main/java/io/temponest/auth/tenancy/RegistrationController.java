package io.temponest.auth.tenancy;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temponest.auth.user.UserResponse;
import io.temponest.auth.web.ClientInfos;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Self-service registration: a new tenant with the registrant as its admin, or joining by
 * invitation.
 */
@RestController
@Tag(name = "auth")
class RegistrationController {

	private final Registration registration;

	RegistrationController(Registration registration) {
		this.registration = registration;
	}

	@PostMapping("/auth/register")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(
			summary = "Register: creates a tenant and makes the registrant its admin, "
					+ "or joins the tenant of an invitation",
			responses = {
					@ApiResponse(responseCode = "403", description = "An existing tenant without a valid invitation"),
					@ApiResponse(responseCode = "409", description = "Email already registered") })
	UserResponse register(@Valid @RequestBody RegisterRequest request, HttpServletRequest http) {
		return UserResponse.of(this.registration.register(request.toCommand(), ClientInfos.of(http)));
	}

}
