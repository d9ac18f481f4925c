package io.pikeoperator.engine;

/** Where a managed file lives and who owns it: written with exactly this owner, group and mode. */
public record ManagedFile(String path, String owner, String group, int mode) {

    public static ManagedFile root(String path, int mode) {
        return new ManagedFile(path, "root", "root", mode);
    }

    public String directory() {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    public String modeOctal() {
        return String.format("%04o", mode);
    }
}
