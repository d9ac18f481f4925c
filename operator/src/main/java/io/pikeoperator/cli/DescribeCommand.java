package io.pikeoperator.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.pikeoperator.api.v1alpha1.ComputeNode;
import io.pikeoperator.api.v1alpha1.ControllerNode;
import io.pikeoperator.api.v1alpha1.PikeCluster;
import io.pikeoperator.describe.ClusterTree;
import io.pikeoperator.describe.Style;
import io.pikeoperator.describe.TreeRenderer;

import java.io.File;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** {@code describe}: reads the clusters and their nodes through the kubeconfig and prints them as a tree. */
final class DescribeCommand {

    private final PrintStream out;
    private final PrintStream err;

    DescribeCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args) {
        String namespace = null;
        String name = null;
        String kubeconfig = null;
        TreeRenderer.Show show = TreeRenderer.Show.FAILED;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "-n", "--namespace" -> namespace = args[++i];
                    case "--kubeconfig" -> kubeconfig = args[++i];
                    case "--show-conditions" -> show = TreeRenderer.Show.valueOf(args[++i].toUpperCase(Locale.ROOT));
                    default -> {
                        if (args[i].startsWith("-") || name != null) {
                            throw new IllegalArgumentException("unexpected argument " + args[i]);
                        }
                        name = args[i];
                    }
                }
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            return usage("an option lacks its value");
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage().startsWith("No enum constant") ? "--show-conditions takes all or failed" : e.getMessage());
        }
        KubernetesClientBuilder builder = new KubernetesClientBuilder();
        if (kubeconfig != null) {
            builder.withConfig(Config.fromKubeconfig(new File(kubeconfig)));
        }
        try (KubernetesClient client = builder.build()) {
            String ns = namespace != null ? namespace : client.getNamespace() != null ? client.getNamespace() : "default";
            List<PikeCluster> clusters;
            if (name == null) {
                clusters = client.resources(PikeCluster.class).inNamespace(ns).list().getItems();
            } else {
                PikeCluster one = client.resources(PikeCluster.class).inNamespace(ns).withName(name).get();
                if (one == null) {
                    err.println("pike-operator describe: pikecluster \"" + name + "\" not found in namespace " + ns);
                    return 1;
                }
                clusters = List.of(one);
            }
            if (clusters.isEmpty()) {
                err.println("No PikeClusters found in namespace " + ns + ".");
                return 0;
            }
            List<ClusterTree> trees = ClusterTree.group(clusters,
                    client.resources(ControllerNode.class).inNamespace(ns).list().getItems(),
                    client.resources(ComputeNode.class).inNamespace(ns).list().getItems());
            out.print(new TreeRenderer(show, Style.forTerminal(), Instant.now()).render(trees));
            return 0;
        } catch (RuntimeException e) {
            err.println("pike-operator describe: " + e.getMessage());
            return 1;
        }
    }

    private int usage(String problem) {
        err.println("pike-operator describe: " + problem);
        err.print(Main.USAGE);
        return 2;
    }
}
