package io.pikeoperator.hostsim.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What each systemd unit of the twin needs to start, which files it loads when it starts (kept as its snapshot,
 * so an edit takes effect only on restart, as on a real host), and where it listens.
 */
public final class Services {

    private static final String NOVA_CONF = "/etc/nova/nova.conf";
    private static final List<String> NOVA_CONTROL = List.of("openstack-nova-api", "openstack-nova-scheduler",
            "openstack-nova-conductor", "openstack-nova-consoleauth", "openstack-nova-console",
            "openstack-nova-novncproxy");

    private Services() {
    }

    /** The files a unit reads at start. */
    public static List<String> configFiles(Host host, String unit) {
        return switch (unit) {
            case "chronyd" -> List.of("/etc/chrony.conf");
            case "mariadb" -> myCnfFiles(host);
            case "memcached" -> List.of("/etc/sysconfig/memcached");
            case "etcd" -> List.of("/etc/etcd/etcd.conf");
            case "httpd" -> {
                List<String> files = new ArrayList<>(HttpdConfig.files(host));
                files.add("/etc/keystone/keystone.conf");
                files.add(NOVA_CONF);
                yield files;
            }
            case "openstack-glance-api" -> List.of("/etc/glance/glance-api.conf");
            case "openstack-glance-registry" -> List.of("/etc/glance/glance-registry.conf");
            default -> unit.startsWith("openstack-nova-") ? List.of(NOVA_CONF) : List.of();
        };
    }

    /** Reads the unit's files now, as its process would at start. */
    public static Map<String, String> snapshot(Host host, String unit) {
        Map<String, String> snap = new TreeMap<>();
        for (String f : configFiles(host, unit)) {
            host.read(f).ifPresent(c -> snap.put(f, c));
        }
        return snap;
    }

    /** Why the unit would fail to start on this host now, or empty when it starts. */
    public static Optional<String> startFailure(World world, Host host, String unit, Map<String, String> snap) {
        try {
            return switch (unit) {
                case "chronyd" -> snap.containsKey("/etc/chrony.conf") ? Optional.empty()
                        : Optional.of("Could not open configuration file /etc/chrony.conf");
                case "mariadb" -> mariadbFailure(world, host, snap);
                case "memcached" -> memcachedFailure(world, host, snap);
                case "etcd" -> etcdFailure(world, host, snap);
                case "httpd" -> httpdFailure(host, snap);
                case "openstack-glance-api", "openstack-glance-registry" -> glanceFailure(unit, snap);
                case "openstack-nova-compute" -> computeFailure(host, snap);
                default -> NOVA_CONTROL.contains(unit) ? novaFailure(snap) : Optional.empty();
            };
        } catch (OsloConfig.SubstitutionError e) {
            return Optional.of("oslo_config.cfg.TemplateSubstitutionError: " + e.getMessage());
        }
    }

    /** Whether a running unit of {@code host} accepts TCP connections on {@code port} at {@code address}. */
    public static boolean listens(Host host, int port, String address) {
        if (port == 22) {
            return host.active("sshd");
        }
        for (Map.Entry<String, HostState.Unit> e : host.state().units.entrySet()) {
            if (!"active".equals(e.getValue().state)) {
                continue;
            }
            for (Listener l : listeners(host, e.getKey(), e.getValue().loaded)) {
                if (l.port == port && (l.bind.equals("0.0.0.0") || l.bind.equals("::") || l.bind.equals(address)
                        || (address.startsWith("127.") && l.bind.startsWith("127.")))) {
                    return true;
                }
            }
        }
        return false;
    }

    record Listener(int port, String bind) {
    }

    static List<Listener> listeners(Host host, String unit, Map<String, String> snap) {
        List<Listener> out = new ArrayList<>();
        switch (unit) {
            case "mariadb" -> out.add(new Listener(3306, myCnf(snap).getOrDefault("bind-address", "0.0.0.0")));
            case "rabbitmq-server" -> {
                out.add(new Listener(5672, "0.0.0.0"));
                out.add(new Listener(25672, "0.0.0.0"));
                out.add(new Listener(4369, "0.0.0.0"));
            }
            case "memcached" -> {
                Map<String, String> vars = Sysconfig.parse(snap.getOrDefault("/etc/sysconfig/memcached", ""));
                int port = Integer.parseInt(vars.getOrDefault("PORT", "11211"));
                List<String> addrs = memcachedAddresses(vars.getOrDefault("OPTIONS", ""));
                if (addrs.isEmpty()) {
                    out.add(new Listener(port, "0.0.0.0"));
                }
                for (String a : addrs) {
                    out.add(new Listener(port, a.equals(host.name()) ? host.address() : a));
                }
            }
            case "etcd" -> {
                Map<String, String> vars = Sysconfig.parse(snap.getOrDefault("/etc/etcd/etcd.conf", ""));
                for (String url : vars.getOrDefault("ETCD_LISTEN_CLIENT_URLS", "http://localhost:2379").split(",")) {
                    out.add(urlListener(url));
                }
                for (String url : vars.getOrDefault("ETCD_LISTEN_PEER_URLS", "http://localhost:2380").split(",")) {
                    out.add(urlListener(url));
                }
            }
            case "httpd" -> {
                for (int port : HttpdConfig.parse(snap).listen) {
                    out.add(new Listener(port, "0.0.0.0"));
                }
            }
            case "openstack-glance-api" -> out.add(new Listener(9292, "0.0.0.0"));
            case "openstack-glance-registry" -> out.add(new Listener(9191, "0.0.0.0"));
            case "openstack-nova-api" -> {
                out.add(new Listener(8774, "0.0.0.0"));
                out.add(new Listener(8775, "0.0.0.0"));
            }
            case "openstack-nova-novncproxy" -> out.add(new Listener(6080, "0.0.0.0"));
            default -> {
            }
        }
        return out;
    }

    // ---- per-unit start rules ----

    private static Optional<String> mariadbFailure(World world, Host host, Map<String, String> snap) {
        String bind = myCnf(snap).get("bind-address");
        if (bind != null && !isLocal(world, host, bind)) {
            return Optional.of("[ERROR] Can't start server: Bind on TCP/IP port. Got error: 99: "
                    + "Cannot assign requested address\n[ERROR] Do you already have another mysqld server running on "
                    + "port: 3306 ?");
        }
        return Optional.empty();
    }

    private static Optional<String> memcachedFailure(World world, Host host, Map<String, String> snap) {
        if (!snap.containsKey("/etc/sysconfig/memcached")) {
            return Optional.empty();
        }
        Map<String, String> vars = Sysconfig.parse(snap.get("/etc/sysconfig/memcached"));
        for (String a : memcachedAddresses(vars.getOrDefault("OPTIONS", ""))) {
            if (a.equals("::1")) {
                continue;
            }
            Optional<String> ip = world.resolve(host, a);
            if (ip.isEmpty()) {
                return Optional.of("getaddrinfo(): Name or service not known\nfailed to listen on TCP port "
                        + vars.getOrDefault("PORT", "11211") + ": Invalid argument");
            }
            if (!isLocal(world, host, ip.get())) {
                return Optional.of("bind(): Cannot assign requested address\nfailed to listen on TCP port "
                        + vars.getOrDefault("PORT", "11211") + ": Cannot assign requested address");
            }
        }
        return Optional.empty();
    }

    static List<String> memcachedAddresses(String options) {
        List<String> out = new ArrayList<>();
        String[] words = options.strip().split("\\s+");
        for (int i = 0; i < words.length; i++) {
            if (words[i].equals("-l") && i + 1 < words.length) {
                for (String a : words[i + 1].split(",")) {
                    out.add(a.strip());
                }
            } else if (words[i].startsWith("-l") && words[i].length() > 2) {
                for (String a : words[i].substring(2).split(",")) {
                    out.add(a.strip());
                }
            }
        }
        return out;
    }

    private static Optional<String> etcdFailure(World world, Host host, Map<String, String> snap) {
        Map<String, String> vars = Sysconfig.parse(snap.getOrDefault("/etc/etcd/etcd.conf", ""));
        for (String key : List.of("ETCD_LISTEN_CLIENT_URLS", "ETCD_LISTEN_PEER_URLS")) {
            for (String url : vars.getOrDefault(key, "").split(",")) {
                if (url.isBlank()) {
                    continue;
                }
                String h = urlListener(url).bind;
                if (!isLocal(world, host, h)) {
                    return Optional.of("etcdmain: listen tcp " + h + ": bind: cannot assign requested address");
                }
            }
        }
        String name = vars.getOrDefault("ETCD_NAME", "default");
        String cluster = vars.get("ETCD_INITIAL_CLUSTER");
        if (cluster != null) {
            String advertise = vars.getOrDefault("ETCD_INITIAL_ADVERTISE_PEER_URLS", "http://localhost:2380");
            boolean found = false;
            for (String member : cluster.split(",")) {
                String[] kv = member.split("=", 2);
                if (kv.length == 2 && kv[0].equals(name) && kv[1].equals(advertise)) {
                    found = true;
                }
            }
            if (!found) {
                return Optional.of("etcdmain: couldn't find local name \"" + name
                        + "\" in the initial cluster configuration");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> httpdFailure(Host host, Map<String, String> snap) {
        HttpdConfig cfg = HttpdConfig.parse(snap);
        if (!cfg.errors.isEmpty()) {
            return Optional.of(cfg.errors.get(0));
        }
        return Optional.empty();
    }

    private static Optional<String> glanceFailure(String unit, Map<String, String> snap) {
        String file = unit.endsWith("api") ? "/etc/glance/glance-api.conf" : "/etc/glance/glance-registry.conf";
        OsloConfig cfg = OsloConfig.parse(snap.getOrDefault(file, ""));
        if (cfg.get("database", "connection").isEmpty()) {
            return Optional.of("ERROR: [database] connection is not set in " + file);
        }
        if (cfg.get("keystone_authtoken", "auth_url").isEmpty() || cfg.get("keystone_authtoken", "auth_type").isEmpty()) {
            return Optional.of("ERROR: [keystone_authtoken] auth_type and auth_url are not set in " + file);
        }
        return Optional.empty();
    }

    private static Optional<String> novaFailure(Map<String, String> snap) {
        OsloConfig cfg = OsloConfig.parse(snap.getOrDefault(NOVA_CONF, ""));
        if (cfg.get("DEFAULT", "transport_url").isEmpty()) {
            return Optional.of("ERROR nova: [DEFAULT] transport_url is not set");
        }
        if (cfg.get("api_database", "connection").isEmpty()) {
            return Optional.of("ERROR nova: [api_database] connection is not set");
        }
        if (cfg.get("database", "connection").isEmpty()) {
            return Optional.of("ERROR nova: No sql_connection parameter is established ([database] connection)");
        }
        return Optional.empty();
    }

    private static Optional<String> computeFailure(Host host, Map<String, String> snap) {
        OsloConfig cfg = OsloConfig.parse(snap.getOrDefault(NOVA_CONF, ""));
        if (cfg.get("DEFAULT", "transport_url").isEmpty()) {
            return Optional.of("ERROR nova: [DEFAULT] transport_url is not set");
        }
        String virt = cfg.get("libvirt", "virt_type", "kvm");
        if (virt.equals("kvm") && !(host.state().cpu.equals("vmx") || host.state().cpu.equals("svm"))) {
            return Optional.of("libvirtError: invalid argument: could not find capabilities for domaintype=kvm");
        }
        return Optional.empty();
    }

    // ---- helpers ----

    /** The merged [mysqld] options of my.cnf and my.cnf.d/*.cnf (later files win). */
    public static Map<String, String> myCnf(Map<String, String> snap) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> order = new ArrayList<>(snap.keySet());
        order.sort((a, b) -> a.equals("/etc/my.cnf") ? -1 : b.equals("/etc/my.cnf") ? 1 : a.compareTo(b));
        for (String f : order) {
            if (!f.startsWith("/etc/my.cnf")) {
                continue;
            }
            String section = null;
            for (String line : snap.get(f).split("\n")) {
                String s = line.strip();
                if (s.isEmpty() || s.startsWith("#") || s.startsWith(";") || s.startsWith("!")) {
                    continue;
                }
                if (s.startsWith("[")) {
                    section = s.replace("[", "").replace("]", "").strip();
                    continue;
                }
                if ("mysqld".equals(section) || "server".equals(section) || "mariadb".equals(section)) {
                    int eq = s.indexOf('=');
                    String k = (eq < 0 ? s : s.substring(0, eq)).strip().replace('_', '-');
                    out.put(k, eq < 0 ? "" : s.substring(eq + 1).strip());
                }
            }
        }
        return out;
    }

    static List<String> myCnfFiles(Host host) {
        List<String> files = new ArrayList<>(List.of("/etc/my.cnf"));
        if (host.files().isDirectory("/etc/my.cnf.d")) {
            for (String f : host.files().list("/etc/my.cnf.d")) {
                if (f.endsWith(".cnf")) {
                    files.add("/etc/my.cnf.d/" + f);
                }
            }
        }
        return files;
    }

    private static Listener urlListener(String url) {
        String u = url.strip().replaceFirst("^[a-z]+://", "");
        int colon = u.lastIndexOf(':');
        String h = colon < 0 ? u : u.substring(0, colon);
        int port = colon < 0 ? 80 : Integer.parseInt(u.substring(colon + 1).replaceAll("/.*", ""));
        return new Listener(port, h.equals("localhost") ? "127.0.0.1" : h);
    }

    /** Whether an address (or name) belongs to this host: loopback, any, or its own address. */
    static boolean isLocal(World world, Host host, String address) {
        if (address.equals("0.0.0.0") || address.equals("::") || address.equals("::1") || address.startsWith("127.")
                || address.equals("localhost")) {
            return true;
        }
        String ip = world.resolve(host, address).orElse(address);
        return ip.equals(host.address()) || ip.startsWith("127.");
    }
}
