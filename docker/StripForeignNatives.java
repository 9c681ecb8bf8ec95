import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Removes the native libraries of other platforms from the jars of an extracted application.
 * <p>
 * Some libraries ship their JNI libraries for every OS and CPU in one jar (onnxruntime: about 89 MB, most of it
 * Windows debug symbols and macOS builds; DJL's HuggingFace tokenizers; JNA) and extract the one for the running
 * platform at run time. An image runs on one platform only: this keeps the Linux libraries of the JVM's own CPU
 * ({@code os.arch}; in a Docker build that is the target platform) and deletes the others, in place.
 * <p>
 * An entry is a native library when its name ends in {@code .so}, {@code .dll}, {@code .dylib}, {@code .jnilib},
 * {@code .a}, {@code .pdb} or it lies in a {@code .dSYM} bundle; it is foreign when one of its directories names a
 * platform ({@code <os>-<cpu>}, e.g. {@code win-x64}, {@code osx-aarch64}, {@code linux-x86-64}) other than Linux
 * on this CPU. Netty (and gRPC's shaded Netty) instead put the platform at the end of the file name under
 * {@code META-INF/native/} ({@code ..._tcnative_osx_aarch_64.jnilib}, {@code ..._epoll_aarch_64.so}, no OS meaning
 * Linux): about 4.7 MB of gRPC's 10.5 MB jar serves other platforms. Classes and resources are never touched, nor
 * natives that name no platform.
 *
 * <pre>
 *   java docker/StripForeignNatives.java DIR...      # every *.jar under each DIR (e.g. the layered extraction)
 * </pre>
 *
 * Prints one line per changed jar. Exits 2 when run on another OS than Linux or on a CPU it does not know (it
 * would not know which libraries to keep).
 */
final class StripForeignNatives {

	/** Spellings of each CPU in the platform directories of onnxruntime, DJL and JNA. */
	private static final Map<String, Set<String>> CPU_ALIASES = Map.of("amd64",
			Set.of("x64", "x86_64", "x86-64", "amd64"), "aarch64", Set.of("aarch64", "aarch_64", "arm64"));

	/** A directory that names a platform: operating system (1) and CPU (2). */
	private static final Pattern PLATFORM = Pattern.compile(
			"(linux|win|win32|windows|osx|darwin|macos|mac|aix|sunos|solaris|freebsd|openbsd|netbsd|android)-(.+)");

	/** A Netty native library's file name: optional operating system (1), CPU (2). */
	private static final Pattern NETTY_NATIVE = Pattern.compile(
			".*?(?:_(linux|osx|windows))?_(x86_64|x86_32|aarch_64|riscv64|ppcle_64|s390_64|loongarch_64)\\.(so|jnilib|dll)");

	private static final Pattern NATIVE = Pattern.compile(".*\\.(so|dll|dylib|jnilib|a|pdb)$|.*\\.dSYM(/.*)?$");

	private final Set<String> cpuNames;

	private StripForeignNatives(Set<String> cpuNames) {
		this.cpuNames = cpuNames;
	}

	public static void main(String[] args) throws IOException {
		if (args.length == 0) {
			System.err.println("usage: java docker/StripForeignNatives.java DIR...");
			System.exit(2);
		}
		String os = System.getProperty("os.name");
		String arch = System.getProperty("os.arch");
		Set<String> cpuNames = CPU_ALIASES.get(arch.equals("x86_64") ? "amd64" : arch);
		if (!os.toLowerCase(Locale.ROOT).startsWith("linux") || cpuNames == null) {
			System.err.println("StripForeignNatives: runs on Linux amd64/aarch64 only, not " + os + " " + arch);
			System.exit(2);
		}
		StripForeignNatives stripper = new StripForeignNatives(cpuNames);
		long before = 0;
		long after = 0;
		for (String dir : args) {
			List<Path> jars;
			try (Stream<Path> files = Files.walk(Path.of(dir))) {
				jars = files.filter((file) -> file.toString().endsWith(".jar") && Files.isRegularFile(file))
					.sorted()
					.toList();
			}
			for (Path jar : jars) {
				long size = Files.size(jar);
				int removed = stripper.strip(jar);
				if (removed > 0) {
					long stripped = Files.size(jar);
					before += size;
					after += stripped;
					System.out.printf("StripForeignNatives: %s: %d entries of other platforms removed, %.1f MB -> %.1f MB%n",
							jar.getFileName(), removed, size / 1e6, stripped / 1e6);
				}
			}
		}
		System.out.printf("StripForeignNatives: kept Linux %s natives; %.1f MB removed%n", arch, (before - after) / 1e6);
	}

	/** Deletes the foreign native entries of one jar and the directories they leave empty. */
	private int strip(Path jar) throws IOException {
		List<Path> doomed = new ArrayList<>();
		try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of())) {
			Path root = zip.getPath("/");
			Files.walkFileTree(root, new SimpleFileVisitor<>() {
				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
					if (isForeignNative(file)) {
						doomed.add(file);
					}
					return FileVisitResult.CONTINUE;
				}
			});
			if (doomed.isEmpty()) {
				return 0;
			}
			for (Path file : doomed) {
				Files.delete(file);
			}
			// Directories emptied above (platform directories, .dSYM bundles), deepest first.
			Files.walkFileTree(root, new SimpleFileVisitor<>() {
				@Override
				public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
					if (!dir.equals(root) && isForeign(dir) && isEmpty(dir)) {
						Files.delete(dir);
					}
					return FileVisitResult.CONTINUE;
				}
			});
		}
		return doomed.size();
	}

	private boolean isForeignNative(Path entry) {
		return NATIVE.matcher(entry.toString()).matches() && (isForeign(entry) || isForeignNetty(entry));
	}

	/** Whether a Netty native library under {@code META-INF/native/} names another platform in its file name. */
	private boolean isForeignNetty(Path entry) {
		Path parent = entry.getParent();
		if (parent == null || !parent.toString().equals("/META-INF/native")) {
			return false;
		}
		Matcher platform = NETTY_NATIVE.matcher(entry.getFileName().toString());
		if (!platform.matches()) {
			return false;
		}
		String os = (platform.group(1) != null) ? platform.group(1) : "linux";
		return !(os.equals("linux") && this.cpuNames.contains(platform.group(2)));
	}

	/** Whether a directory of the entry's path names a platform other than Linux on this CPU. */
	private boolean isForeign(Path entry) {
		for (Path part : entry) {
			Matcher platform = PLATFORM.matcher(part.toString().replaceAll("/$", ""));
			if (platform.matches()) {
				return !(platform.group(1).equals("linux") && this.cpuNames.contains(platform.group(2)));
			}
		}
		return entry.toString().contains(".dSYM");
	}

	private static boolean isEmpty(Path dir) throws IOException {
		try (Stream<Path> children = Files.list(dir)) {
			return children.findAny().isEmpty();
		}
	}

}
