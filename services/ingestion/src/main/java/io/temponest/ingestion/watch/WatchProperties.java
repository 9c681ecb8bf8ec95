package io.temponest.ingestion.watch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The watched folder ({@code temponest.ingestion.watch.*}); watching is off unless both
 * the directory and the tenant are set.
 *
 * @param directory the folder, read recursively
 * @param tenantId the tenant its documents belong to
 * @param collection the name of the tenant's collection that holds them (created when
 * missing)
 * @param interval how often the folder is compared with the collection
 * @param settle how long a file must be left unchanged before it is read, so that files
 * being written are not taken half-written
 */
@ConfigurationProperties("temponest.ingestion.watch")
public record WatchProperties(@Nullable String directory, @Nullable UUID tenantId,
		@DefaultValue("agentic_knowledge") String collection, @DefaultValue("10s") Duration interval,
		@DefaultValue("2s") Duration settle) {

	boolean enabled() {
		return this.directory != null && !this.directory.isBlank() && this.tenantId != null;
	}

	/** The folder; only when {@link #enabled()}. */
	Path folder() {
		return Path.of(java.util.Objects.requireNonNull(this.directory));
	}

}
