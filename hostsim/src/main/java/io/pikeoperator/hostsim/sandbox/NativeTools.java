package io.pikeoperator.hostsim.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * The two small C programs the sandbox needs: {@code twin-enter} (namespaces, mounts, chroot) and
 * {@code twin-shim} (the PATH commands that talk to the model). They are compiled once with the machine's gcc
 * into a cache directory, keyed by a hash of their source, and reused by later runs.
 */
public final class NativeTools {

    private static final String RESOURCES = "/io/pikeoperator/hostsim/native/";

    private final Path enter;
    private final Path shim;

    private NativeTools(Path enter, Path shim) {
        this.enter = enter;
        this.shim = shim;
    }

    /** Compiles (or reuses) both programs under {@code cacheDir}. */
    public static synchronized NativeTools prepare(Path cacheDir) {
        try {
            Files.createDirectories(cacheDir);
            return new NativeTools(compile(cacheDir, "twin-enter"), compile(cacheDir, "twin-shim"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The default cache: {@code ~/.cache/pike-hostsim}, or the temp dir when there is no home. */
    public static Path defaultCacheDir() {
        String home = System.getProperty("user.home");
        return home == null ? Path.of(System.getProperty("java.io.tmpdir"), "pike-hostsim")
                : Path.of(home, ".cache", "pike-hostsim");
    }

    public Path enter() {
        return enter;
    }

    public Path shim() {
        return shim;
    }

    private static Path compile(Path dir, String name) throws IOException {
        byte[] source;
        try (InputStream in = NativeTools.class.getResourceAsStream(RESOURCES + name + ".c")) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + ".c");
            }
            source = in.readAllBytes();
        }
        Path binary = dir.resolve(name + "-" + sha256(source).substring(0, 12));
        if (Files.isExecutable(binary)) {
            return binary;
        }
        Path src = Files.createTempFile(dir, name, ".c");
        Path tmp = dir.resolve(binary.getFileName() + ".tmp" + ProcessHandle.current().pid());
        try {
            Files.write(src, source);
            Process gcc;
            try {
                gcc = new ProcessBuilder("gcc", "-O2", "-Wall", "-o", tmp.toString(), src.toString())
                        .redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new IllegalStateException("the host twin needs gcc to build its sandbox helpers "
                        + "(apt-get install gcc): " + e.getMessage(), e);
            }
            String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!gcc.waitFor(120, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
                throw new IllegalStateException("gcc failed on " + name + ".c:\n" + output);
            }
            Files.move(tmp, binary, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return binary;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while compiling " + name, e);
        } finally {
            Files.deleteIfExists(src);
            Files.deleteIfExists(tmp);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
