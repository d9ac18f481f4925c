package io.pikeoperator.demo;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.pikeoperator.api.v1alpha1.ComputeNode;
import io.pikeoperator.api.v1alpha1.ControllerNode;
import io.pikeoperator.api.v1alpha1.PikeCluster;
import io.pikeoperator.hostsim.HostOptions;
import io.pikeoperator.hostsim.SimHost;
import io.pikeoperator.hostsim.Twin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The example manifests (examples/pikecluster.yaml, packed in the jar) made to point at twin hosts: the SSH Secret
 * gets a fresh key and the twin's known_hosts, each node's {@code spec.ssh} the twin's loopback port.
 */
public final class DemoCluster {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private DemoCluster() {
    }

    /** The example's hosts as twin hosts: controller01 (10.0.0.11) and computer01 (10.0.0.31, with vmx). */
    public static List<HostOptions> hosts() {
        return List.of(HostOptions.parse("controller01=127.0.0.1:0,ip=10.0.0.11", 0),
                HostOptions.parse("computer01=127.0.0.1:0,cpu=vmx,ip=10.0.0.31", 1));
    }

    /** An ed25519 key pair made with ssh-keygen: dir/id_ed25519 and dir/id_ed25519.pub. */
    public static Path keyPair(Path dir) throws IOException, InterruptedException {
        Path key = dir.resolve("id_ed25519");
        if (!Files.exists(key)) {
            Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "pike-demo", "-f", key.toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException("ssh-keygen failed: " + out);
            }
        }
        return key;
    }

    /** The example's objects, in order (Secrets first), pointed at {@code twin}. */
    public static List<HasMetadata> objects(Twin twin, String privateKey) throws IOException {
        List<HasMetadata> out = new ArrayList<>();
        String knownHosts = String.join("\n", twin.hosts().stream().map(SimHost::knownHostsLine).toList()) + "\n";
        try (InputStream in = DemoCluster.class.getResourceAsStream("/examples/pikecluster.yaml")) {
            if (in == null) {
                throw new IOException("examples/pikecluster.yaml is not in the jar");
            }
            for (JsonNode doc : new YAMLMapper().readerFor(JsonNode.class).<JsonNode>readValues(in).readAll()) {
                String kind = doc.path("kind").asText();
                switch (kind) {
                    case "Secret" -> {
                        if (doc.path("metadata").path("name").asText().equals("pike-ssh")) {
                            ObjectNode data = ((ObjectNode) doc).putObject("stringData");
                            data.put("ssh-privatekey", privateKey);
                            data.put("known_hosts", knownHosts);
                        }
                        out.add(JSON.treeToValue(doc, Secret.class));
                    }
                    case "PikeCluster" -> out.add(JSON.treeToValue(doc, PikeCluster.class));
                    case "ControllerNode" -> out.add(JSON.treeToValue(pointAt(doc, twin), ControllerNode.class));
                    case "ComputeNode" -> out.add(JSON.treeToValue(pointAt(doc, twin), ComputeNode.class));
                    default -> {
                    }
                }
            }
        }
        return out;
    }

    /**
     * The example as a manifest for {@code pike-operator apply -f}, for any number of twin hosts: the first of
     * {@code twin.hosts()} is the controller, every other one a ComputeNode made from the example's (named after its
     * host, with the host's management address). For the benchmarks, which scale the computes out.
     */
    public static String manifest(Twin twin, String privateKey) throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        String knownHosts = String.join("\n", twin.hosts().stream().map(SimHost::knownHostsLine).toList()) + "\n";
        List<JsonNode> docs;
        try (InputStream in = DemoCluster.class.getResourceAsStream("/examples/pikecluster.yaml")) {
            if (in == null) {
                throw new IOException("examples/pikecluster.yaml is not in the jar");
            }
            docs = yaml.readerFor(JsonNode.class).<JsonNode>readValues(in).readAll();
        }
        StringBuilder out = new StringBuilder();
        JsonNode controller = null;
        JsonNode compute = null;
        for (JsonNode doc : docs) {
            switch (doc.path("kind").asText()) {
                case "ControllerNode" -> controller = doc;
                case "ComputeNode" -> compute = doc;
                default -> {
                    if (doc.path("metadata").path("name").asText().equals("pike-ssh")) {
                        ObjectNode data = ((ObjectNode) doc).putObject("stringData");
                        data.put("ssh-privatekey", privateKey);
                        data.put("known_hosts", knownHosts);
                    }
                    out.append(yaml.writeValueAsString(doc));
                }
            }
        }
        List<SimHost> hosts = twin.hosts();
        for (int i = 0; i < hosts.size(); i++) {
            ObjectNode node = (i == 0 ? controller : compute).deepCopy();
            ((ObjectNode) node.get("metadata")).put("name", hosts.get(i).name());
            ObjectNode spec = (ObjectNode) node.get("spec");
            spec.put("hostname", hosts.get(i).name());
            spec.put("managementAddress", hosts.get(i).options().address());
            spec.remove("providerAddress");
            out.append(yaml.writeValueAsString(pointAt(node, twin)));
        }
        return out.toString();
    }

    private static JsonNode pointAt(JsonNode node, Twin twin) {
        ObjectNode spec = (ObjectNode) node.get("spec");
        ObjectNode ssh = spec.putObject("ssh");
        ssh.put("host", "127.0.0.1");
        ssh.put("port", twin.host(spec.path("hostname").asText()).port());
        return node;
    }
}
