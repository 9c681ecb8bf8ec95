package io.temponest.security.testapp;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/** Reads {@code app.current_tenant} inside a transaction. */
public class TenantProbe {

	private final JdbcClient jdbc;

	public TenantProbe(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(readOnly = true)
	public String currentTenant() {
		return this.jdbc.sql("SELECT coalesce(current_setting('app.current_tenant', true), '<unset>')")
			.query(String.class)
			.single();
	}

	public String currentTenantWithoutTransaction() {
		return this.jdbc.sql("SELECT coalesce(current_setting('app.current_tenant', true), '<unset>')")
			.query(String.class)
			.single();
	}

}
