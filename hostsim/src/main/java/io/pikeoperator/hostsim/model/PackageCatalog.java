package io.pikeoperator.hostsim.model;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The packages a simulated host can install (packages.yaml), with the files they lay down. */
public final class PackageCatalog {

    private static final String BASE = "/io/pikeoperator/hostsim/";
    private static final PackageCatalog INSTANCE = load();

    private final Map<String, Package> packages;

    private PackageCatalog(Map<String, Package> packages) {
        this.packages = packages;
    }

    public static PackageCatalog get() {
        return INSTANCE;
    }

    public Optional<Package> find(String name) {
        return Optional.ofNullable(packages.get(name));
    }

    /** The package named so, else the one that Provides the name (as yum resolves names and requirements). */
    public Optional<Package> provider(String name) {
        return find(name).or(() -> packages.values().stream().filter(p -> p.provides.contains(name)).findFirst());
    }

    public List<Package> all() {
        return new ArrayList<>(packages.values());
    }

    /** The package that owns a twin-backed command (by its base name), if any. */
    public Optional<Package> ownerOfCommand(String name) {
        return packages.values().stream()
                .filter(p -> p.commands.stream().anyMatch(c -> c.endsWith("/" + name)))
                .findFirst();
    }

    /** The package that ships a systemd unit. */
    public Optional<Package> ownerOfUnit(String unit) {
        return packages.values().stream().filter(p -> p.units.contains(unit)).findFirst();
    }

    private static PackageCatalog load() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        try (InputStream in = PackageCatalog.class.getResourceAsStream(BASE + "packages.yaml")) {
            List<Package> list = yaml.readValue(in, new TypeReference<>() {
            });
            Map<String, Package> map = new LinkedHashMap<>();
            for (Package p : list) {
                for (FileSpec f : p.files) {
                    if (f.resource != null) {
                        f.content = resource("files/" + f.resource);
                    }
                }
                map.put(p.name, p);
            }
            return new PackageCatalog(map);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String resource(String name) {
        try (InputStream in = PackageCatalog.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("missing twin resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One package. */
    public static class Package {
        public String name;
        public String version;
        /** The newer build in the updates repository, if any. */
        public String update;
        public String repo;
        public boolean installed;
        public List<String> requires = new ArrayList<>();
        public List<UserSpec> users = new ArrayList<>();
        public List<DirSpec> dirs = new ArrayList<>();
        public List<FileSpec> files = new ArrayList<>();
        public List<LinkSpec> links = new ArrayList<>();
        public List<String> commands = new ArrayList<>();
        public List<String> units = new ArrayList<>();
        /** Capabilities besides its own name (RDO's python2-openstackclient provides python-openstackclient). */
        public List<String> provides = new ArrayList<>();
        public String arch = "x86_64";

        /** The version yum would install: the update when its repository is enabled. */
        public String available(java.util.Set<String> repos) {
            return update != null && repos.contains("updates") ? update : version;
        }

        public String nevra(String version) {
            return name + "-" + version + "." + arch;
        }
    }

    public static class UserSpec {
        public String name;
        public int uid;
        public String home;
        public String shell = "/sbin/nologin";
    }

    public static class DirSpec {
        public String path;
        public String owner = "root";
        public String group;
        public String mode = "0755";
    }

    public static class FileSpec {
        public String path;
        public String resource;
        public String content;
        /** %config(noreplace): a changed file survives reinstall and upgrade. */
        public boolean config;
        public String owner = "root";
        public String group;
        public String mode = "0644";
    }

    public static class LinkSpec {
        public String path;
        public String target;
    }
}
