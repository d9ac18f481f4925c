package io.pikeoperator.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * {@code pike-operator <command>}: run, apply, plan, describe. The demo is not in this jar (it would bring the twin
 * and the mock API server into the image): {@code demo/target/pike-operator-demo.jar} runs it and hands every other command here.
 */
public final class Main {

    public static final String USAGE = """
            usage: pike-operator <command> [options]

              run   [--namespaces a,b] [--lease-namespace NS | --no-leader-election]
                    [--metrics-address HOST:PORT] [--resync-seconds N] [--log-format text|json]
                  the operator: watches PikeCluster, ControllerNode and ComputeNode through the kubeconfig
                  (or the in-cluster service account); metrics, /healthz and /readyz on :8080; logs at info
              apply -f FILE... [--ssh-key KEY] [--known-hosts FILE] [--passwords-file FILE] [-v] [-o text|json]
                  converge the hosts described by the manifest files (no Kubernetes needed); on a terminal a
                  live line per host, else the steps that changed; -v (--verbose) every step; then a recap
              plan  -f FILE... [--ssh-key KEY] [--known-hosts FILE] [--passwords-file FILE] [-v] [-o text|json]
                  report what apply would change; changes nothing
              describe [-n NS] [CLUSTER] [--show-conditions failed|all] [--kubeconfig FILE]
                  the clusters (all of the namespace without CLUSTER), their nodes and the conditions that need
                  a look (all: every condition) as a tree, read through the kubeconfig

              every command: --log-level [LOGGER=]LEVEL[,...] (also $PIKE_LOG_LEVEL; LEVEL alone is io.pikeoperator's;
                  e.g. --log-level io.pikeoperator.ssh=debug); logs go to stderr

            exit status: 0 converged (plan: nothing to change), 1 failed or not converged,
                         2 bad usage or input, 3 (plan) changes pending
            """;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || List.of("-h", "--help", "help").contains(args[0])) {
            (args.length == 0 ? err : out).print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        return switch (args[0]) {
            case "run" -> new RunCommand(out, err).run(rest);
            case "demo" -> {
                err.println("pike-operator: the demo has its own jar: java -jar demo/target/pike-operator-demo.jar demo"
                        + " (built by ./mvnw -q package -DskipTests)");
                yield 2;
            }
            case "apply" -> new ApplyCommand(false, out, err).run(rest);
            case "plan" -> new ApplyCommand(true, out, err).run(rest);
            case "describe" -> new DescribeCommand(out, err).run(rest);
            default -> {
                err.println("pike-operator: unknown command '" + args[0] + "'");
                err.print(USAGE);
                yield 2;
            }
        };
    }
}
