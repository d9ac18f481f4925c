package io.pikeoperator.demo;

import io.pikeoperator.cli.Main;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar pike-operator-demo.jar demo [options]}. The jar holds the whole operator too, so every other
 * command goes to the operator's command line: this jar is {@code pike-operator} plus {@code demo}.
 */
public final class DemoMain {

    static final String USAGE = """
            usage: pike-operator-demo demo [options] | pike-operator-demo <command of pike-operator>

              demo  [--exit-when-ready] [--timeout SECONDS] [--metrics-port N] [--state-dir DIR] [--latency-ms N]
                  the operator on an in-process Kubernetes API with simulated hosts controller01 and
                  computer01, the example applied, progress until Ready, the guide's verification printed

            """ + Main.USAGE;

    private DemoMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || List.of("-h", "--help", "help").contains(args[0])) {
            (args.length == 0 ? err : out).print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        if (args[0].equals("demo")) {
            return new DemoCommand(out, err).run(Arrays.copyOfRange(args, 1, args.length));
        }
        return Main.run(args, out, err);
    }
}
