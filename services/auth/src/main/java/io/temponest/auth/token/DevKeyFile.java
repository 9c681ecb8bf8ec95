package io.temponest.auth.token;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.RSAPrivateKey;
import java.util.Base64;
import java.util.Set;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.converter.RsaKeyConverters;

/**
 * The dev profile's generated signing key, kept in a PEM PKCS#8 file readable by its
 * owner only, so that restarts keep signing with (and accepting tokens of) the same key.
 * An existing file that cannot be read as an RSA key stops the start: replacing it
 * silently would log everybody out.
 */
final class DevKeyFile {

	private static final Logger log = LoggerFactory.getLogger(DevKeyFile.class);

	private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

	private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

	private DevKeyFile() {
	}

	/**
	 * Read the key kept at a path, or generate one and keep it there.
	 * @param file the key file (its directory is created when missing)
	 * @param generator makes a new key when the file does not exist
	 * @return the key
	 * @throws IllegalStateException the file exists but is not a readable RSA key, or a
	 * new one cannot be written
	 */
	static RSAPrivateKey loadOrCreate(Path file, Supplier<RSAPrivateKey> generator) {
		Path path = file.toAbsolutePath();
		if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
			RSAPrivateKey key = read(path);
			warnUnlessOwnerOnly(path);
			log.info("Dev profile: signing with the key kept in {}", path);
			return key;
		}
		RSAPrivateKey key = generator.get();
		write(path, key);
		log.warn(
				"Dev profile: generated a {}-bit RSA signing key and kept it in {} (owner-only); later starts "
						+ "reuse it. Delete the file to sign with a new key (and end every session).",
				key.getModulus().bitLength(), path);
		return key;
	}

	private static RSAPrivateKey read(Path path) {
		try {
			byte[] pem = Files.readAllBytes(path);
			RSAPrivateKey key = RsaKeyConverters.pkcs8().convert(new ByteArrayInputStream(pem));
			if (key == null) {
				throw new IllegalStateException(unusable(path, "no key in it"));
			}
			return key;
		}
		catch (IOException ex) {
			throw new IllegalStateException(unusable(path, "unreadable (" + ex.getClass().getSimpleName() + ")"), ex);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(unusable(path, "not a PEM PKCS#8 RSA private key"), ex);
		}
	}

	private static String unusable(Path path, String reason) {
		return "The dev signing key file " + path + " (temponest.auth.jwt.dev-key-location) is " + reason
				+ ": fix or delete it (deleting it signs with a new key and ends every session)";
	}

	private static void write(Path path, RSAPrivateKey key) {
		String pem = "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
				+ "\n-----END PRIVATE KEY-----\n";
		Path directory = path.getParent();
		Path temporary = null;
		try {
			if (!Files.isDirectory(directory)) {
				Files.createDirectories(directory, ownerOnly(OWNER_ONLY_DIRECTORY));
			}
			temporary = Files.createTempFile(directory, ".dev-signing-key", ".tmp", ownerOnly(OWNER_ONLY_FILE));
			restrictToOwner(temporary);
			try (OutputStream out = Files.newOutputStream(temporary)) {
				out.write(pem.getBytes(StandardCharsets.US_ASCII));
			}
			move(temporary, path);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not keep the generated dev signing key in " + path
					+ " (temponest.auth.jwt.dev-key-location): " + ex.getMessage(), ex);
		}
		finally {
			if (temporary != null) {
				try {
					Files.deleteIfExists(temporary);
				}
				catch (IOException ex) {
					log.debug("Could not delete {}", temporary, ex);
				}
			}
		}
	}

	private static void move(Path source, Path target) throws IOException {
		try {
			Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(source, target);
		}
	}

	private static FileAttribute<?>[] ownerOnly(Set<PosixFilePermission> permissions) {
		return posix() ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(permissions) }
				: new FileAttribute<?>[0];
	}

	/** Where POSIX permissions are unknown (Windows), owner-only through the file API. */
	private static void restrictToOwner(Path file) {
		if (!posix()) {
			File plain = file.toFile();
			boolean restricted = plain.setReadable(false, false) && plain.setReadable(true, true)
					&& plain.setWritable(false, false) && plain.setWritable(true, true);
			if (!restricted) {
				log.warn("Could not restrict {} to its owner", file);
			}
		}
	}

	private static void warnUnlessOwnerOnly(Path path) {
		if (!posix()) {
			return;
		}
		try {
			Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
			if (!OWNER_ONLY_FILE.containsAll(permissions)) {
				log.warn("The dev signing key file {} is readable by others ({}): chmod 600 it", path,
						PosixFilePermissions.toString(permissions));
			}
		}
		catch (IOException ex) {
			log.debug("Could not read the permissions of {}", path, ex);
		}
	}

	private static boolean posix() {
		return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
	}

}
