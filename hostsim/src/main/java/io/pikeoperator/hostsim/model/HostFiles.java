package io.pikeoperator.hostsim.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A simulated host's file system as the model sees it: paths are the host's own ("/etc/nova/nova.conf").
 * Everything lives under the host's root directory, except /usr, which is the machine's /usr overlaid by the
 * host's own usr/upper (the sandbox mounts the same overlay). Symbolic links are resolved inside the host.
 */
public final class HostFiles {

    private static final Path MACHINE_USR = Path.of("/usr");
    private static final Set<PosixFilePermission> DIR_MODE = perms(0755);

    private final Path root;
    private final Path usrUpper;

    public HostFiles(Path root, Path usrUpper) {
        this.root = root;
        this.usrUpper = usrUpper;
    }

    public Path root() {
        return root;
    }

    /** The machine path that holds a host path (symlinks followed inside the host), for reading. */
    public Path locate(String hostPath) {
        return physical(resolve(hostPath, true));
    }

    public boolean exists(String hostPath) {
        return Files.exists(locate(hostPath), LinkOption.NOFOLLOW_LINKS);
    }

    public boolean isDirectory(String hostPath) {
        return Files.isDirectory(locate(hostPath), LinkOption.NOFOLLOW_LINKS);
    }

    public Optional<String> read(String hostPath) {
        Path p = locate(hostPath);
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(p, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public byte[] readBytes(String hostPath) throws IOException {
        return Files.readAllBytes(locate(hostPath));
    }

    /** Writes a file atomically, creating missing parent directories (root:root 0755). */
    public void write(String hostPath, String content, int mode, String owner, String group, Identity ids) {
        write(hostPath, content.getBytes(StandardCharsets.UTF_8), mode, owner, group, ids);
    }

    public void write(String hostPath, byte[] content, int mode, String owner, String group, Identity ids) {
        Path target = writable(resolve(hostPath, true));
        try {
            mkdirs(target.getParent());
            Path tmp = target.resolveSibling("." + target.getFileName() + ".twin-tmp");
            Files.write(tmp, content);
            chmod(tmp, mode);
            chown(tmp, ids.uid(owner), ids.gid(group));
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rewrites a file keeping its owner, group and mode (0644 root:root for a new file). */
    public void replace(String hostPath, String content, Identity ids) {
        Path target = locate(hostPath);
        if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            write(hostPath, content, 0644, "root", "root", ids);
            return;
        }
        try {
            Path physical = writable(resolve(hostPath, true));
            int uid = (Integer) Files.getAttribute(target, "unix:uid");
            int gid = (Integer) Files.getAttribute(target, "unix:gid");
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(target);
            mkdirs(physical.getParent());
            Path tmp = physical.resolveSibling("." + physical.getFileName() + ".twin-tmp");
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(tmp, perms);
            chown(tmp, uid, gid);
            Files.move(tmp, physical, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void mkdir(String hostPath, int mode, String owner, String group, Identity ids) {
        Path dir = writable(resolve(hostPath, true));
        try {
            mkdirs(dir);
            chmod(dir, mode);
            chown(dir, ids.uid(owner), ids.gid(group));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates or replaces a symbolic link; the target is kept as given (a host path). */
    public void symlink(String link, String target) {
        Path p = writable(resolve(link, false));
        try {
            mkdirs(p.getParent());
            Files.deleteIfExists(p);
            Files.createSymbolicLink(p, Path.of(target));
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void delete(String hostPath) {
        try {
            Files.deleteIfExists(writable(resolve(hostPath, false)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the contents of a directory (the directory stays), as a reboot does to /run and /tmp. */
    public void clear(String hostPath) {
        Path dir = writable(resolve(hostPath, true));
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                if (!p.equals(dir)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Names in a directory (for /usr, the union of the machine's and the host's). */
    public List<String> list(String hostPath) {
        String dir = resolve(hostPath, true);
        TreeSet<String> names = new TreeSet<>();
        for (Path p : dir.equals("/usr") || dir.startsWith("/usr/")
                ? List.of(usrUpper.resolve(dir.substring(Math.min(dir.length(), 5))), MACHINE_USR.resolve(dir.substring(Math.min(dir.length(), 5))))
                : List.of(physical(dir))) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.forEach(c -> names.add(c.getFileName().toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return new ArrayList<>(names);
    }

    /** Owner name of a file, per the host's /etc/passwd. */
    public Optional<Integer> uid(String hostPath) {
        try {
            return Optional.of((Integer) Files.getAttribute(locate(hostPath), "unix:uid", LinkOption.NOFOLLOW_LINKS));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** Resolves symbolic links inside the host (an absolute link target is a host path, not a machine path). */
    String resolve(String hostPath, boolean followLast) {
        String path = normalize(hostPath);
        for (int hops = 0; hops < 40; hops++) {
            String[] parts = path.substring(1).split("/");
            StringBuilder prefix = new StringBuilder();
            boolean restarted = false;
            for (int i = 0; i < parts.length; i++) {
                if (parts[i].isEmpty()) {
                    continue;
                }
                String candidate = prefix + "/" + parts[i];
                boolean last = i == parts.length - 1;
                Path phys = physical(candidate);
                if ((!last || followLast) && Files.isSymbolicLink(phys)) {
                    String target;
                    try {
                        target = Files.readSymbolicLink(phys).toString();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    String rest = String.join("/", java.util.Arrays.copyOfRange(parts, i + 1, parts.length));
                    String base = target.startsWith("/") ? target : prefix + "/" + target;
                    path = normalize(rest.isEmpty() ? base : base + "/" + rest);
                    restarted = true;
                    break;
                }
                prefix.append("/").append(parts[i]);
            }
            if (!restarted) {
                return path;
            }
        }
        throw new IllegalStateException("too many levels of symbolic links: " + hostPath);
    }

    /** The machine path of a resolved host path, as read: /usr from the host's upper layer when there. */
    private Path physical(String resolved) {
        if (resolved.equals("/usr") || resolved.startsWith("/usr/")) {
            String rest = resolved.length() > 5 ? resolved.substring(5) : "";
            Path upper = rest.isEmpty() ? usrUpper : usrUpper.resolve(rest);
            if (Files.exists(upper, LinkOption.NOFOLLOW_LINKS)) {
                return isWhiteout(upper) ? usrUpper.resolve(".whiteout-hides-this") : upper;
            }
            return rest.isEmpty() ? MACHINE_USR : MACHINE_USR.resolve(rest);
        }
        return resolved.equals("/") ? root : root.resolve(resolved.substring(1));
    }

    /**
     * Hides a file of the machine's /usr from the host (an overlayfs whiteout: a 0/0 character device in the upper
     * layer), so that a command the host has not installed is not found even when this machine has it.
     */
    public void hide(String hostPath) {
        Path upper = writable(normalize(hostPath));
        if (!upper.startsWith(usrUpper) || Files.exists(upper, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            mkdirs(upper.getParent());
            Process p = new ProcessBuilder("mknod", upper.toString(), "c", "0", "0").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException("mknod " + upper + ": " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean isWhiteout(Path p) {
        try {
            return Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther();
        } catch (IOException e) {
            return false;
        }
    }

    /** The machine path to write a resolved host path to: /usr goes to the host's upper layer. */
    private Path writable(String resolved) {
        if (resolved.equals("/usr") || resolved.startsWith("/usr/")) {
            String rest = resolved.length() > 5 ? resolved.substring(5) : "";
            return rest.isEmpty() ? usrUpper : usrUpper.resolve(rest);
        }
        return resolved.equals("/") ? root : root.resolve(resolved.substring(1));
    }

    static String normalize(String hostPath) {
        if (!hostPath.startsWith("/")) {
            throw new IllegalArgumentException("not an absolute host path: " + hostPath);
        }
        List<String> out = new ArrayList<>();
        for (String part : hostPath.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
            } else {
                out.add(part);
            }
        }
        return "/" + String.join("/", out);
    }

    private static void mkdirs(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, DIR_MODE);
        }
    }

    private static void chmod(Path p, int mode) throws IOException {
        Files.setPosixFilePermissions(p, perms(mode));
    }

    private static void chown(Path p, int uid, int gid) throws IOException {
        try {
            Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            // Without root on the machine ownership cannot be modelled on disk; the mode still is.
            if (uid != 0 || gid != 0) {
                throw new IOException("cannot chown " + p + " to " + uid + ":" + gid + " (the twin needs root)", e);
            }
        }
    }

    static Set<PosixFilePermission> perms(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
                PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int i = 0; i < order.length; i++) {
            if ((mode & (1 << i)) != 0) {
                set.add(order[i]);
            }
        }
        return set;
    }

    /** Maps user and group names to ids, per the host's /etc/passwd and /etc/group. */
    public interface Identity {
        int uid(String user);

        int gid(String group);
    }
}
