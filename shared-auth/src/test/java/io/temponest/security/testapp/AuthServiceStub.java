package io.temponest.security.testapp;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/**
 * One WireMock server per test JVM that plays the auth service (and any downstream
 * service the test controller calls).
 */
public final class AuthServiceStub {

	private static final WireMockServer SERVER = start();

	private AuthServiceStub() {
	}

	public static WireMockServer server() {
		return SERVER;
	}

	public static String baseUrl() {
		return SERVER.baseUrl();
	}

	private static WireMockServer start() {
		WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		server.start();
		Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "auth-service-stub-stop"));
		return server;
	}

}
