package io.pikeoperator.demo;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.pikeoperator.api.v1alpha1.ComputeNode;
import io.pikeoperator.api.v1alpha1.Conditions;
import io.pikeoperator.api.v1alpha1.ControllerNode;
import io.pikeoperator.api.v1alpha1.NodeStatus;
import io.pikeoperator.api.v1alpha1.Phase;
import io.pikeoperator.api.v1alpha1.PikeCluster;
import io.pikeoperator.describe.ClusterTree;
import io.pikeoperator.describe.Style;
import io.pikeoperator.describe.TreeRenderer;
import io.pikeoperator.hostsim.Twin;
import io.pikeoperator.reconcile.HealthServer;
import io.pikeoperator.reconcile.OperatorApp;
import io.pikeoperator.ssh.RemoteShell;
import io.pikeoperator.ssh.SshConnections;
import io.pikeoperator.ssh.SshTarget;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code demo}: the operator on an in-process Kubernetes API (fabric8's CRUD mock server on loopback) with twin
 * hosts controller01 and computer01, the example applied, progress shown until Ready, the guide's verification
 * printed, metrics served.
 */
final class DemoCommand {

    private static final String NS = "default";
    /** The mock server logs every request through java.util.logging; held here so the level sticks (JUL keeps loggers weakly). */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    private final PrintStream out;
    private final PrintStream err;

    DemoCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args) {
        boolean exitWhenReady = false;
        Duration timeout = Duration.ofMinutes(10);
        int metricsPort = 8080;
        Path stateDir = null;
        int latency = 0;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--exit-when-ready" -> exitWhenReady = true;
                    case "--timeout" -> timeout = Duration.ofSeconds(Long.parseLong(args[++i]));
                    case "--metrics-port" -> metricsPort = Integer.parseInt(args[++i]);
                    case "--state-dir" -> stateDir = Path.of(args[++i]);
                    case "--latency-ms" -> latency = Integer.parseInt(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
        } catch (RuntimeException e) {
            err.println("pike-operator demo: " + e.getMessage());
            err.print(DemoMain.USAGE);
            return 2;
        }
        try {
            Path dir = stateDir != null ? Files.createDirectories(stateDir) : Files.createTempDirectory("pike-demo");
            return demo(dir, exitWhenReady, timeout, metricsPort, latency);
        } catch (Exception e) {
            err.println("pike-operator demo: " + e.getMessage());
            return 1;
        }
    }

    private int demo(Path dir, boolean exitWhenReady, Duration timeout, int metricsPort, int latency) throws Exception {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        Path key = DemoCluster.keyPair(dir);
        String privateKey = Files.readString(key);
        out.println("== twin hosts (simulated CentOS 7 over SSH on loopback; state in " + dir + ")");
        Twin twin = Twin.start(dir.resolve("twin"), Path.of(key + ".pub"), DemoCluster.hosts());
        twin.hosts().forEach(h -> {
            h.faults().setLatency(Duration.ofMillis(latency));
            out.println("   " + h.name() + "  ssh root@127.0.0.1 -p " + h.port() + "  (configured address " + h.options().address() + ")");
        });
        KubernetesMockServer server = CrudApiServer.start();
        KubernetesClient client = server.createClient();
        OperatorApp app = new OperatorApp(client, new OperatorApp.Options(Set.of(), null, false, Duration.ofSeconds(30)));
        HealthServer health = new HealthServer(new InetSocketAddress("127.0.0.1", metricsPort), app.registry(), app::started);
        Runnable shutdown = () -> {
            health.close();
            app.close();
            client.close();
            server.destroy();
            twin.close();
        };
        try {
            out.println("== Kubernetes API (in-process fabric8 CRUD mock) at " + client.getMasterUrl());
            out.println("== metrics at http://127.0.0.1:" + health.port() + "/metrics (also /healthz, /readyz)");
            out.println("== kubectl apply -f examples/pikecluster.yaml (SSH pointed at the twin)");
            for (HasMetadata o : DemoCluster.objects(twin, privateKey)) {
                o.getMetadata().setNamespace(NS);
                client.resource(o).create();
                out.println("   " + o.getKind().toLowerCase(Locale.ROOT) + "/" + o.getMetadata().getName() + " created");
            }
            // the objects exist before the informers start: the mock can lose the watch event of an object created
            // just after a watch opens (a Secret never changed again would stay out of the caches)
            app.start();
            out.println("== progress");
            boolean ready = watch(client, timeout);
            if (!ready) {
                out.println("NOT Ready after " + timeout.toSeconds() + " s");
                return 1;
            }
            tables(client);
            verification(twin, privateKey);
            if (exitWhenReady) {
                return 0;
            }
            out.println("== Ready. Serving metrics until interrupted (Ctrl-C).");
            CountDownLatch forever = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(forever::countDown));
            forever.await();
            return 0;
        } finally {
            shutdown.run();
        }
    }

    /** Prints a line whenever the picture changes; true once the cluster is Ready. */
    private boolean watch(KubernetesClient client, Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        String last = "";
        while (System.nanoTime() - start < timeout.toNanos()) {
            PikeCluster c = client.resources(PikeCluster.class).inNamespace(NS).withName("pike").get();
            ControllerNode ctl = client.resources(ControllerNode.class).inNamespace(NS).withName("controller01").get();
            ComputeNode cmp = client.resources(ComputeNode.class).inNamespace(NS).withName("computer01").get();
            String line = "pike " + (c.getStatus() == null ? "Pending" : c.getStatus().phase + " " + c.getStatus().servicesReady
                    + " services") + " | controller01 " + node(ctl.getStatus()) + " | computer01 " + node(cmp.getStatus());
            if (!line.equals(last)) {
                out.printf(Locale.ROOT, "[%4ds] %s%n", (System.nanoTime() - start) / 1_000_000_000L, line);
                last = line;
            }
            if (c.getStatus() != null && c.getStatus().phase == Phase.Ready) {
                return true;
            }
            Thread.sleep(500);
        }
        return false;
    }

    private static String node(NodeStatus s) {
        if (s == null) {
            return "Pending";
        }
        String waiting = s.conditions.stream().filter(x -> !Conditions.TRUE.equals(x.getStatus()) && !x.getType().equals("Ready"))
                .findFirst().map(x -> x.getType() + ":" + x.getReason()).orElse("");
        return s.phase + " " + (s.progress == null ? "" : s.progress) + (s.steps != null && s.steps.current != null
                ? " at " + s.steps.current : "") + (waiting.isEmpty() ? "" : " (" + waiting + ")");
    }

    /** What {@code kubectl get} shows of each kind (its CRD's printer columns), then the describe tree. */
    private void tables(KubernetesClient client) {
        Instant now = Instant.now();
        List<PikeCluster> clusters = client.resources(PikeCluster.class).inNamespace(NS).list().getItems();
        List<ControllerNode> controllers = client.resources(ControllerNode.class).inNamespace(NS).list().getItems();
        List<ComputeNode> computes = client.resources(ComputeNode.class).inNamespace(NS).list().getItems();
        table(PikeCluster.class, clusters, now);
        table(ControllerNode.class, controllers, now);
        table(ComputeNode.class, computes, now);
        out.println("== kubectl pike describe pike --show-conditions all");
        out.print(new TreeRenderer(TreeRenderer.Show.ALL, Style.forTerminal(), now)
                .render(ClusterTree.group(clusters, controllers, computes)));
    }

    private void table(Class<? extends HasMetadata> kind, List<? extends HasMetadata> objects, Instant now) {
        PrinterColumns columns = PrinterColumns.of(kind);
        out.println("== kubectl get " + columns.plural());
        out.print(new KubectlTable(columns, now).render(objects, NS));
    }

    /** The guide's own verification commands, run on the controller as its reader would. */
    private void verification(Twin twin, String privateKey) throws Exception {
        out.println("== the install guide's verification, on controller01");
        try (SshConnections ssh = new SshConnections()) {
            RemoteShell shell = ssh.shell(SshTarget.of("127.0.0.1", twin.host("controller01").port(), "root",
                    Files.readString(twin.knownHosts()), null, privateKey));
            for (String command : List.of(
                    ". admin_openrc && openstack token issue -c expires -c project_id -c user_id",
                    ". admin_openrc && openstack catalog list -c Name -c Type",
                    ". admin_openrc && openstack image list",
                    "su -s /bin/sh -c 'nova-manage cell_v2 list_cells' nova",
                    ". admin_openrc && openstack compute service list",
                    "nova-status upgrade check")) {
                var r = shell.exec(command, new byte[0], Duration.ofMinutes(1));
                out.println("# " + command + (r.ok() ? "" : "   (exit " + r.exitStatus() + ")"));
                out.print(r.stdout());
            }
        }
    }
}
