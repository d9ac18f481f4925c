package io.pikeoperator.hostsim.model;

import io.pikeoperator.hostsim.model.PackageCatalog.Package;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** One simulated host as the model sees it: its state, its files, and helpers to read them as its tools would. */
public final class Host implements HostFiles.Identity {

    public static final String SHIM = "/.twin/twin-shim";

    private final HostState state;
    private final HostFiles files;
    private volatile boolean down;

    public Host(HostState state, Path root, Path usrUpper) {
        this.state = state;
        this.files = new HostFiles(root, usrUpper);
    }

    public HostState state() {
        return state;
    }

    public String name() {
        return state.name;
    }

    public String address() {
        return state.address;
    }

    public HostFiles files() {
        return files;
    }

    /** True while the host reboots: it answers nothing. */
    public boolean isDown() {
        return down;
    }

    public void setDown(boolean down) {
        this.down = down;
    }

    public boolean isCentOs() {
        return state.os.startsWith("centos");
    }

    public boolean installed(String pkg) {
        return state.packages.containsKey(pkg);
    }

    public HostState.Unit unit(String name) {
        return state.units.computeIfAbsent(name, n -> new HostState.Unit());
    }

    public boolean active(String unit) {
        HostState.Unit u = state.units.get(unit);
        return u != null && "active".equals(u.state);
    }

    /** The configuration a running unit loaded at its start (empty when not running). */
    public Map<String, String> loaded(String unit) {
        HostState.Unit u = state.units.get(unit);
        return u == null || !"active".equals(u.state) ? Map.of() : u.loaded;
    }

    public Optional<String> read(String path) {
        return files.read(path);
    }

    public OsloConfig oslo(String path) {
        return OsloConfig.parse(files.read(path).orElse(""));
    }

    /** Repositories enabled in /etc/yum.repos.d (enabled defaults to 1, as in yum). */
    public Set<String> enabledRepos() {
        Set<String> repos = new TreeSet<>();
        if (!files.isDirectory("/etc/yum.repos.d")) {
            return repos;
        }
        for (String f : files.list("/etc/yum.repos.d")) {
            if (!f.endsWith(".repo")) {
                continue;
            }
            String section = null;
            boolean enabled = true;
            for (String line : files.read("/etc/yum.repos.d/" + f).orElse("").split("\n")) {
                String s = line.strip();
                if (s.startsWith("[") && s.endsWith("]")) {
                    if (section != null && enabled) {
                        repos.add(section);
                    }
                    section = s.substring(1, s.length() - 1);
                    enabled = true;
                } else if (s.replace(" ", "").startsWith("enabled=")) {
                    enabled = s.replace(" ", "").substring(8).equals("1");
                }
            }
            if (section != null && enabled) {
                repos.add(section);
            }
        }
        return repos;
    }

    // ---- users and groups (the host's /etc/passwd and /etc/group) ----

    public List<String[]> passwd() {
        List<String[]> out = new ArrayList<>();
        for (String line : files.read("/etc/passwd").orElse("").split("\n")) {
            String[] f = line.split(":", -1);
            if (f.length >= 7) {
                out.add(f);
            }
        }
        return out;
    }

    public Optional<String[]> user(String name) {
        return passwd().stream().filter(f -> f[0].equals(name)).findFirst();
    }

    @Override
    public int uid(String user) {
        if (user == null || user.equals("root")) {
            return 0;
        }
        return user(user).map(f -> Integer.parseInt(f[2]))
                .orElseThrow(() -> new IllegalStateException("no user " + user + " on " + name()));
    }

    @Override
    public int gid(String group) {
        if (group == null || group.equals("root")) {
            return 0;
        }
        for (String line : files.read("/etc/group").orElse("").split("\n")) {
            String[] f = line.split(":", -1);
            if (f.length >= 3 && f[0].equals(group)) {
                return Integer.parseInt(f[2]);
            }
        }
        throw new IllegalStateException("no group " + group + " on " + name());
    }

    /** Adds a system user with a group of the same name and id, as a package's %pre scriptlet does. */
    public void addUser(PackageCatalog.UserSpec u) {
        if (user(u.name).isPresent()) {
            return;
        }
        String passwd = files.read("/etc/passwd").orElse("");
        files.write("/etc/passwd", passwd + u.name + ":x:" + u.uid + ":" + u.uid + "::" + u.home + ":" + u.shell + "\n",
                0644, "root", "root", this);
        String group = files.read("/etc/group").orElse("");
        files.write("/etc/group", group + u.name + ":x:" + u.uid + ":\n", 0644, "root", "root", this);
    }

    /** Lays down a package's users, directories, files, links, commands and units; config files edited by the
     * admin survive (%config(noreplace)). */
    public void layDown(Package p) {
        for (PackageCatalog.UserSpec u : p.users) {
            addUser(u);
        }
        for (PackageCatalog.DirSpec d : p.dirs) {
            if (!files.isDirectory(d.path)) {
                files.mkdir(d.path, Integer.parseInt(d.mode, 8), d.owner, d.group == null ? d.owner : d.group, this);
            }
        }
        for (PackageCatalog.FileSpec f : p.files) {
            if (f.config && files.exists(f.path)) {
                continue;
            }
            files.write(f.path, f.content, Integer.parseInt(f.mode, 8), f.owner, f.group == null ? f.owner : f.group,
                    this);
        }
        for (PackageCatalog.LinkSpec l : p.links) {
            files.symlink(l.path, l.target);
        }
        for (String c : p.commands) {
            if (c.equals("/usr/bin/su")) {
                files.write(c, PackageCatalog.resource("su.sh"), 0755, "root", "root", this);
            } else {
                files.symlink(c, SHIM);
            }
        }
        for (String u : p.units) {
            files.write("/usr/lib/systemd/system/" + u + ".service",
                    "[Unit]\nDescription=" + u + " (host twin)\n\n[Service]\nType=simple\n\n[Install]\nWantedBy=multi-user.target\n",
                    0644, "root", "root", this);
            unit(u);
        }
    }
}
