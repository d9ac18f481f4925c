package io.pikeoperator.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** {@code pike-operator <command>}: apply, plan (and, with the operator issue, run and demo). */
public final class Main {

    static final String USAGE = """
            usage: pike-operator <command> [options]

              apply -f FILE... [--ssh-key KEY] [--known-hosts FILE] [--passwords-file FILE]
                  converge the hosts described by the manifest files (no Kubernetes needed)
              plan  -f FILE... [--ssh-key KEY] [--known-hosts FILE] [--passwords-file FILE]
                  report what apply would change; changes nothing

            exit status: 0 converged (plan: nothing to change), 1 failed or not converged,
                         2 bad usage or input, 3 (plan) changes pending
            """;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || List.of("-h", "--help", "help").contains(args[0])) {
            (args.length == 0 ? err : out).print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        return switch (args[0]) {
            case "apply" -> new ApplyCommand(false, out, err).run(rest);
            case "plan" -> new ApplyCommand(true, out, err).run(rest);
            default -> {
                err.println("pike-operator: unknown command '" + args[0] + "'");
                err.print(USAGE);
                yield 2;
            }
        };
    }
}
