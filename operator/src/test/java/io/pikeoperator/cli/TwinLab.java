package io.pikeoperator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.pikeoperator.hostsim.HostOptions;
import io.pikeoperator.hostsim.SimHost;
import io.pikeoperator.hostsim.Twin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Twin hosts and a manifest for them: the example's cluster with SSH pointed at the twin's loopback ports, a
 * fresh client key, the twin's known_hosts, and the passwords a test chooses. Runs the command line in-process.
 */
final class TwinLab implements AutoCloseable {

    static final Path EXAMPLE = Path.of("../examples/pikecluster.yaml");

    final Path dir;
    final Twin twin;
    final Path key;
    final Path manifest;

    record Run(int exit, String out) {
    }

    TwinLab(Path dir, List<HostOptions> hosts, Map<String, String> passwords) throws IOException, InterruptedException {
        this.dir = dir;
        this.key = dir.resolve("id_ed25519");
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString())
                .redirectErrorStream(true).start();
        if (p.waitFor() != 0) {
            throw new IOException("ssh-keygen failed: " + new String(p.getInputStream().readAllBytes()));
        }
        this.twin = Twin.start(dir.resolve("state"), dir.resolve("id_ed25519.pub"), hosts);
        this.manifest = dir.resolve("pikecluster.yaml");
        writeManifest(hosts, passwords, twin.hosts().stream().map(SimHost::knownHostsLine).reduce("", (a, b) -> a + b + "\n"));
    }

    /** The example, with the twin's hosts as nodes (first = controller) and SSH material for the twin. */
    void writeManifest(List<HostOptions> hosts, Map<String, String> passwords, String knownHosts) throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        List<JsonNode> docs = new ArrayList<>(yaml.readerFor(JsonNode.class).<JsonNode>readValues(Files.readString(EXAMPLE)).readAll());
        List<JsonNode> out = new ArrayList<>();
        JsonNode controllerTemplate = null;
        JsonNode computeTemplate = null;
        for (JsonNode d : docs) {
            String kind = d.path("kind").asText();
            String name = d.path("metadata").path("name").asText();
            if (kind.equals("Secret") && name.equals("pike-ssh")) {
                ObjectNode data = ((ObjectNode) d).putObject("stringData");
                data.put("ssh-privatekey", Files.readString(key));
                data.put("known_hosts", knownHosts);
                out.add(d);
            } else if (kind.equals("Secret") && name.equals("pike-passwords")) {
                ObjectNode data = ((ObjectNode) d).putObject("stringData");
                passwords.forEach(data::put);
                out.add(d);
            } else if (kind.equals("ControllerNode")) {
                controllerTemplate = d;
            } else if (kind.equals("ComputeNode")) {
                computeTemplate = d;
            } else {
                out.add(d);
            }
        }
        for (int i = 0; i < hosts.size(); i++) {
            HostOptions h = hosts.get(i);
            ObjectNode node = (i == 0 ? controllerTemplate : computeTemplate).deepCopy();
            ((ObjectNode) node.get("metadata")).put("name", h.name());
            ObjectNode spec = (ObjectNode) node.get("spec");
            spec.put("hostname", h.name());
            spec.put("managementAddress", h.address());
            spec.remove("providerAddress");
            ObjectNode ssh = spec.putObject("ssh");
            ssh.put("host", "127.0.0.1");
            ssh.put("port", twin.host(h.name()).port());
            out.add(node);
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode d : out) {
            text.append(yaml.writeValueAsString(d));
        }
        Files.writeString(manifest, text.toString());
    }

    Run cli(String... args) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        int exit = Main.run(args, out, out);
        return new Run(exit, buffer.toString(StandardCharsets.UTF_8));
    }

    Run apply() {
        return cli("apply", "-f", manifest.toString());
    }

    Run plan() {
        return cli("plan", "-f", manifest.toString());
    }

    int execs(String host) {
        return twin.host(host).commandLog().size();
    }

    /** Everything the twin logged of the commands it ran, raw (JSON lines), over all hosts. */
    String commandLogs() throws IOException {
        StringBuilder all = new StringBuilder();
        for (SimHost h : twin.hosts()) {
            all.append(Files.readString(h.commandLog().file()));
        }
        return all.toString();
    }

    /** The argv of every modelled command the hosts ran (mysql, openstack, curl, rabbitmqctl, ...). */
    String argvLogs() throws IOException {
        StringBuilder all = new StringBuilder();
        for (SimHost h : twin.hosts()) {
            if (Files.exists(h.argvLog().file())) {
                all.append(Files.readString(h.argvLog().file()));
            }
        }
        return all.toString();
    }

    @Override
    public void close() {
        twin.close();
    }

    /** Every path under {@code root} with its size and modification time, one per line: to see that nothing changed. */
    static String fileTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            return String.join("\n", paths.map(p -> {
                try {
                    // links are the host's own (e.g. /sbin -> usr/sbin): described, not followed
                    var a = Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class,
                            java.nio.file.LinkOption.NOFOLLOW_LINKS);
                    return root.relativize(p) + " " + a.size() + " " + a.lastModifiedTime().toMillis();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sorted().toList());
        }
    }
}
