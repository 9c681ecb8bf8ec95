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

	@Transactional(readOnly = true)
	public String store(String value) {
		return this.jdbc.sql("SELECT CAST(:value AS jsonb)::text").param("value", value).query(String.class).single();
	}

	@Transactional(readOnly = true)
	public String echo(String text) {
		return this.jdbc.sql("SELECT CAST(:text AS text)").param("text", text).query(String.class).single();
	}

	public String currentTenantWithoutTransaction() {
		return this.jdbc.sql("SELECT coalesce(current_setting('app.current_tenant', true), '<unset>')")
			.query(String.class)
			.single();
	}

}
