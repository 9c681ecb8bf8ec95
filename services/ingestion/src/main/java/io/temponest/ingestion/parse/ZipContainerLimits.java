package io.temponest.ingestion.parse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.jspecify.annotations.Nullable;

/**
 * The zip-bomb limits of Apache POI, which reads DOCX containers, and the reasons given
 * when a container breaks them.
 * <p>
 * POI keeps these limits in static fields of {@link ZipSecureFile}: they hold for the
 * whole JVM, not per parser. This class is the only place that sets them, from the
 * {@link DocumentParser} constructor; when several parsers are constructed, the last one
 * decides for all (the service constructs one).
 */
final class ZipContainerLimits {

	private static final String ZIP_BOMB = "Zip bomb detected!";

	private static final String TOO_MANY_ENTRIES = "embeds more internal file entries than expected";

	private ZipContainerLimits() {
	}

	static synchronized void install(ParserLimits limits) {
		ZipSecureFile.setMinInflateRatio(1.0 / limits.maxInflateRatio());
		ZipSecureFile.setMaxEntrySize(limits.maxEntrySize());
	}

	/**
	 * Refuses a container whose central directory declares too many entries or an entry
	 * beyond the limits, without inflating anything: this also covers entries that POI
	 * would never read. Declared sizes can lie; POI checks the actual bytes of the
	 * entries it reads.
	 * @param type the container's document type
	 * @param container the container's file
	 * @throws UnreadableDocumentException when the container holds too many entries or an
	 * entry is declared too large or compressed too well
	 * @throws IOException when the file is not a zip archive
	 */
	static void checkDeclaredSizes(DocumentType type, Path container) throws UnreadableDocumentException, IOException {
		long maxEntrySize = ZipSecureFile.getMaxEntrySize();
		double minInflateRatio = ZipSecureFile.getMinInflateRatio();
		long graceEntrySize = ZipSecureFile.getGraceEntrySize();
		try (ZipFile zip = new ZipFile(container.toFile())) {
			if (zip.size() > ZipSecureFile.getMaxFileCount()) {
				throw UnreadableDocumentException.tooManyParts(type, null);
			}
			for (ZipEntry entry : Collections.list(zip.entries())) {
				long size = entry.getSize();
				long compressedSize = entry.getCompressedSize();
				if (size > maxEntrySize) {
					throw UnreadableDocumentException.expandsBeyond(type, maxEntrySize, null);
				}
				if (size > graceEntrySize && compressedSize >= 0 && (double) compressedSize / size < minInflateRatio) {
					throw UnreadableDocumentException.compressedBeyond(type, 1.0 / minInflateRatio, null);
				}
			}
		}
	}

	/**
	 * The zip-bomb reason behind a failure of POI, if that is what it was.
	 * @param type the container's document type
	 * @param failure what POI threw
	 * @return the reason for the end user, or empty for any other failure
	 */
	static Optional<UnreadableDocumentException> zipBomb(DocumentType type, Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = next(cause)) {
			String message = cause.getMessage();
			if (message == null) {
				continue;
			}
			if (message.contains(ZIP_BOMB) && message.contains("max size")) {
				return Optional
					.of(UnreadableDocumentException.expandsBeyond(type, ZipSecureFile.getMaxEntrySize(), failure));
			}
			if (message.contains(ZIP_BOMB)) {
				return Optional.of(UnreadableDocumentException.compressedBeyond(type,
						1.0 / ZipSecureFile.getMinInflateRatio(), failure));
			}
			if (message.contains(TOO_MANY_ENTRIES)) {
				return Optional.of(UnreadableDocumentException.tooManyParts(type, failure));
			}
		}
		return Optional.empty();
	}

	private static @Nullable Throwable next(Throwable cause) {
		Throwable next = cause.getCause();
		return (next != cause) ? next : null;
	}

}
