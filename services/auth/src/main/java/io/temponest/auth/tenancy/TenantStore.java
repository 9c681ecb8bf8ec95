package io.temponest.auth.tenancy;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The global {@code tenants} table, used inside the caller's transaction. */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class TenantStore {

	private static final int NUMBERED_ATTEMPTS = 10;

	private static final int RANDOM_ATTEMPTS = 5;

	private final SecureRandom random = new SecureRandom();

	private final JdbcClient jdbc;

	TenantStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Insert a tenant under the first free slug among {@code base}, {@code base-2}, ...
	 * then random suffixes (ON CONFLICT keeps the transaction usable on a collision).
	 */
	String create(UUID id, String name, String baseSlug) {
		for (int attempt = 1; attempt <= NUMBERED_ATTEMPTS + RANDOM_ATTEMPTS; attempt++) {
			String slug = (attempt == 1) ? baseSlug
					: baseSlug + "-" + ((attempt <= NUMBERED_ATTEMPTS) ? Integer.toString(attempt) : randomSuffix());
			Optional<String> inserted = this.jdbc.sql("""
					INSERT INTO auth.tenants (id, name, slug) VALUES (:id, :name, :slug)
					ON CONFLICT (slug) DO NOTHING RETURNING slug
					""").param("id", id).param("name", name).param("slug", slug).query(String.class).optional();
			if (inserted.isPresent()) {
				return inserted.get();
			}
		}
		throw new IllegalStateException("No free tenant slug for " + baseSlug);
	}

	Optional<TenantRow> find(UUID id) {
		return this.jdbc.sql("SELECT name, slug, is_active FROM auth.tenants WHERE id = :id")
			.param("id", id)
			.query((rs, row) -> new TenantRow(rs.getString("name"), rs.getString("slug"), rs.getBoolean("is_active")))
			.optional();
	}

	private String randomSuffix() {
		byte[] bytes = new byte[3];
		this.random.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	/**
	 * A tenant.
	 *
	 * @param name its name
	 * @param slug its slug
	 * @param active whether it is active
	 */
	record TenantRow(String name, String slug, boolean active) {

	}

}
