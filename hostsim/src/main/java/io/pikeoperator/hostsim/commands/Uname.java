package io.pikeoperator.hostsim.commands;

/** uname of the simulated host: its running kernel (which changes only when it reboots after an upgrade). */
final class Uname implements Command {

    @Override
    public CommandResult run(Call call) {
        String kernel = call.host().state().kernel + ".x86_64";
        String node = call.host().name();
        if (call.args().isEmpty() || call.args().contains("-s")) {
            return call.outln("Linux").exit(0);
        }
        StringBuilder out = new StringBuilder();
        for (String a : call.args()) {
            String part = switch (a) {
                case "-r", "--kernel-release" -> kernel;
                case "-m", "-p", "-i", "--machine" -> "x86_64";
                case "-n", "--nodename" -> node;
                case "-o", "--operating-system" -> "GNU/Linux";
                case "-a", "--all" -> "Linux " + node + " " + kernel + " #1 SMP x86_64 x86_64 x86_64 GNU/Linux";
                default -> null;
            };
            if (part == null) {
                return call.fail(1, "uname: invalid option -- '" + a.replace("-", "") + "'");
            }
            out.append(out.length() == 0 ? "" : " ").append(part);
        }
        return call.outln(out.toString()).exit(0);
    }
}
