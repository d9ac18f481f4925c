package io.pikeoperator.hostsim.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The parts of an Apache httpd 2.4.6 configuration the twin needs: modules, Listen ports, ServerName, virtual
 * hosts with their WSGI script and &lt;Directory&gt; access rules. Read from a snapshot of the files (path to
 * content) taken when httpd started, following Include/IncludeOptional the way httpd does.
 */
public final class HttpdConfig {

    private static final String ROOT = "/etc/httpd/";

    public final TreeSet<String> modules = new TreeSet<>();
    public final TreeSet<Integer> listen = new TreeSet<>();
    public String serverName;
    public final List<VirtualHost> vhosts = new ArrayList<>();
    /** Directories granted outside any virtual host. */
    public final TreeSet<String> grantedDirs = new TreeSet<>();
    public final List<String> errors = new ArrayList<>();

    public static final class VirtualHost {
        public int port;
        public String wsgiScript;
        public final TreeSet<String> grantedDirs = new TreeSet<>();
        public boolean usesWsgi;
    }

    /** Files httpd reads at start, as host paths, in the order it reads them. */
    public static List<String> files(Host host) {
        List<String> out = new ArrayList<>();
        out.add(ROOT + "conf/httpd.conf");
        for (String dir : List.of("conf.modules.d", "conf.d")) {
            if (host.files().isDirectory(ROOT + dir)) {
                for (String f : host.files().list(ROOT + dir)) {
                    if (f.endsWith(".conf")) {
                        out.add(ROOT + dir + "/" + f);
                    }
                }
            }
        }
        return out;
    }

    public static HttpdConfig parse(Map<String, String> snapshot) {
        HttpdConfig cfg = new HttpdConfig();
        cfg.read(snapshot, ROOT + "conf/httpd.conf", 0);
        if (cfg.errors.isEmpty() && cfg.modules.stream().noneMatch(m -> m.startsWith("mpm_"))) {
            cfg.errors.add("AH00534: httpd: Configuration error: No MPM loaded.");
        }
        return cfg;
    }

    private void read(Map<String, String> snapshot, String file, int depth) {
        if (!errors.isEmpty()) {
            return; // httpd stops reading its configuration at the first error
        }
        String text = snapshot.get(file);
        if (text == null) {
            errors.add("Could not open configuration file " + file + ": No such file or directory");
            return;
        }
        VirtualHost vhost = null;
        String directory = null;
        boolean skipping = false;
        int lineNo = 0;
        for (String raw : text.split("\n")) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String lower = line.toLowerCase();
            if (lower.startsWith("<ifversion")) {
                skipping = line.contains("<") && line.replace("<IfVersion", "").strip().startsWith("<");
                continue;
            }
            if (lower.startsWith("</ifversion")) {
                skipping = false;
                continue;
            }
            if (skipping) {
                continue;
            }
            String[] words = line.split("\\s+");
            String directive = words[0];
            if (lower.startsWith("<virtualhost")) {
                vhost = new VirtualHost();
                String addr = line.replaceAll("(?i)<virtualhost\\s+", "").replace(">", "").strip();
                vhost.port = addr.contains(":") ? Integer.parseInt(addr.substring(addr.lastIndexOf(':') + 1)) : 80;
                vhosts.add(vhost);
            } else if (lower.startsWith("</virtualhost")) {
                vhost = null;
            } else if (lower.startsWith("<directory")) {
                directory = line.replaceAll("(?i)<directory\\s+", "").replace(">", "").replace("\"", "").strip();
            } else if (lower.startsWith("</directory")) {
                directory = null;
            } else if (directive.equalsIgnoreCase("Require") && directory != null && words.length >= 3
                    && words[1].equalsIgnoreCase("all") && words[2].equalsIgnoreCase("granted")) {
                (vhost != null ? vhost.grantedDirs : grantedDirs).add(directory);
            } else if (directive.equalsIgnoreCase("LoadModule") && words.length >= 2) {
                modules.add(words[1]);
            } else if (directive.equalsIgnoreCase("Listen") && words.length >= 2) {
                String spec = words[1];
                listen.add(Integer.parseInt(spec.substring(spec.lastIndexOf(':') + 1)));
            } else if (directive.equalsIgnoreCase("ServerName") && words.length >= 2) {
                serverName = words[1];
            } else if (directive.equalsIgnoreCase("Include") || directive.equalsIgnoreCase("IncludeOptional")) {
                String pattern = words[1].startsWith("/") ? words[1] : ROOT + words[1];
                if (depth < 5) {
                    includeGlob(snapshot, pattern, depth, directive.equalsIgnoreCase("Include"));
                }
            } else if (directive.toUpperCase().startsWith("WSGI")) {
                if (!modules.contains("wsgi_module")) {
                    errors.add("AH00526: Syntax error on line " + lineNo + " of " + file + ":\nInvalid command '"
                            + directive + "', perhaps misspelled or defined by a module not included in the server "
                            + "configuration");
                    return;
                }
                if (vhost != null) {
                    vhost.usesWsgi = true;
                    if (directive.equalsIgnoreCase("WSGIScriptAlias") && words.length >= 3) {
                        vhost.wsgiScript = words[2];
                    }
                }
            }
        }
    }

    private void includeGlob(Map<String, String> snapshot, String pattern, int depth, boolean required) {
        String dir = pattern.substring(0, pattern.lastIndexOf('/') + 1);
        String glob = pattern.substring(pattern.lastIndexOf('/') + 1);
        String regex = glob.replace(".", "\\.").replace("*", "[^/]*");
        boolean any = false;
        for (String path : new TreeSet<>(snapshot.keySet())) {
            if (path.startsWith(dir) && path.substring(dir.length()).matches(regex)) {
                any = true;
                read(snapshot, path, depth + 1);
            }
        }
        if (!any && required && !glob.contains("*")) {
            errors.add("Could not open configuration file " + pattern + ": No such file or directory");
        }
    }

    /** The virtual host that serves a port, if any. */
    public Optional<VirtualHost> vhost(int port) {
        return vhosts.stream().filter(v -> v.port == port).findFirst();
    }

    /** Whether requests to a virtual host may reach its WSGI script (httpd.conf denies / by default). */
    public boolean scriptAllowed(VirtualHost vhost) {
        if (vhost.wsgiScript == null) {
            return false;
        }
        String dir = vhost.wsgiScript.substring(0, vhost.wsgiScript.lastIndexOf('/'));
        return vhost.grantedDirs.contains(dir) || grantedDirs.contains(dir);
    }
}
