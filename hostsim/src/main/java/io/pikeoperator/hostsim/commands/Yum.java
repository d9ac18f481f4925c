package io.pikeoperator.hostsim.commands;

import io.pikeoperator.hostsim.model.Host;
import io.pikeoperator.hostsim.model.PackageCatalog;
import io.pikeoperator.hostsim.model.PackageCatalog.Package;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * yum 3 on CentOS 7: install (with dependencies, from enabled repositories only: OpenStack packages need the Pike
 * repository that centos-release-openstack-pike adds), upgrade/update, check-update, repolist, list installed.
 * Without -y it asks, and reads the answer from stdin. Missing names are skipped with a message, as
 * skip_missing_names_on_install does on CentOS 7; only when nothing is left is it an error.
 */
final class Yum implements Command {

    private static final String HEADER = "Loaded plugins: fastestmirror\nLoading mirror speeds from cached hostfile\n";

    @Override
    public boolean readsStdin(CommandContext c) {
        return !assumeYes(c.args()) && c.args().stream().anyMatch(a -> a.equals("install") || a.equals("upgrade")
                || a.equals("update"));
    }

    private static boolean assumeYes(List<String> args) {
        return args.contains("-y") || args.contains("--assumeyes");
    }

    @Override
    public CommandResult run(Call call) {
        List<String> args = new ArrayList<>();
        boolean quiet = false;
        for (int i = 0; i < call.args().size(); i++) {
            String a = call.args().get(i);
            if (a.equals("-q") || a.equals("--quiet")) {
                quiet = true;
            } else if (a.equals("-e") || a.equals("-d")) {
                i++;
            } else if (!a.startsWith("-")) {
                args.add(a);
            }
        }
        if (args.isEmpty()) {
            return call.fail(1, "You need to give some command");
        }
        if (!quiet) {
            call.out(HEADER);
        }
        Host host = call.host();
        Set<String> repos = host.enabledRepos();
        String sub = args.get(0);
        List<String> names = args.subList(1, args.size());
        return switch (sub) {
            case "install" -> install(call, names, repos);
            case "upgrade", "update" -> upgrade(call, names, repos);
            case "check-update" -> checkUpdate(call, repos);
            case "repolist" -> repolist(call, repos);
            case "list" -> list(call);
            case "clean", "makecache" -> call.exit(0);
            default -> call.fail(1, "No such command: " + sub + ". Please use /usr/bin/yum --help");
        };
    }

    private CommandResult install(Call call, List<String> names, Set<String> repos) {
        Host host = call.host();
        PackageCatalog catalog = PackageCatalog.get();
        Map<String, Package> plan = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        boolean anyInstalled = false;
        for (String name : names) {
            Package p = catalog.provider(name).filter(x -> repos.contains(x.repo)).orElse(null);
            if (p == null) {
                missing.add(name);
                call.outln("No package " + name + " available.");
                continue;
            }
            if (host.installed(p.name)) {
                anyInstalled = true;
                call.outln("Package " + p.nevra(host.state().packages.get(p.name)) + " already installed and latest version");
                continue;
            }
            String unresolved = resolve(host, p, repos, plan);
            if (unresolved != null) {
                return call.fail(1, "Error: Package: " + p.nevra(p.available(repos)) + " (" + p.repo + ")\n"
                        + "           Requires: " + unresolved);
            }
        }
        if (plan.isEmpty()) {
            if (!missing.isEmpty() && !anyInstalled) {
                return call.fail(1, "Error: Nothing to do");
            }
            call.outln("Nothing to do");
            return call.exit(0);
        }
        call.out("Resolving Dependencies\n--> Running transaction check\n");
        for (Package p : plan.values()) {
            call.outln("---> Package " + p.name + "." + p.arch + " 0:" + p.available(repos) + " will be installed");
        }
        call.out("--> Finished Dependency Resolution\n\nDependencies Resolved\n\n");
        table(call, "Installing", plan.values(), repos);
        call.out("Transaction Summary\n" + "=".repeat(80) + "\nInstall  " + plan.size() + " Package"
                + (plan.size() > 1 ? "s" : "") + "\n\n");
        if (!confirm(call)) {
            return call.exit(1);
        }
        call.out("Running transaction\n");
        for (Package p : plan.values()) {
            host.layDown(p);
            host.state().packages.put(p.name, p.available(repos));
        }
        call.out("\nInstalled:\n");
        for (String n : names) {
            catalog.provider(n).filter(x -> plan.containsKey(x.name))
                    .ifPresent(x -> call.outln("  " + x.name + "." + x.arch + " 0:" + x.available(repos)));
        }
        call.out("\nComplete!\n");
        return call.exit(0);
    }

    /** Adds a package and its missing requirements (requirements first) to the plan; returns an unmet one. */
    private static String resolve(Host host, Package p, Set<String> repos, Map<String, Package> plan) {
        if (plan.containsKey(p.name) || host.installed(p.name)) {
            return null;
        }
        for (String r : p.requires) {
            Package dep = PackageCatalog.get().provider(r).filter(x -> repos.contains(x.repo)).orElse(null);
            if (dep == null) {
                return r;
            }
            String unmet = resolve(host, dep, repos, plan);
            if (unmet != null) {
                return unmet;
            }
        }
        plan.put(p.name, p);
        return null;
    }

    private CommandResult upgrade(Call call, List<String> names, Set<String> repos) {
        Host host = call.host();
        List<Package> updates = updates(host, repos);
        if (!names.isEmpty()) {
            updates.removeIf(p -> !names.contains(p.name));
        }
        if (updates.isEmpty()) {
            call.outln("No packages marked for update");
            return call.exit(0);
        }
        call.out("Resolving Dependencies\n--> Running transaction check\n");
        for (Package p : updates) {
            call.outln("---> Package " + p.name + "." + p.arch + " 0:" + host.state().packages.get(p.name) + " will be updated");
        }
        call.out("--> Finished Dependency Resolution\n\nDependencies Resolved\n\n");
        table(call, "Updating", updates, repos);
        call.out("Transaction Summary\n" + "=".repeat(80) + "\nUpgrade  " + updates.size() + " Package"
                + (updates.size() > 1 ? "s" : "") + "\n\n");
        if (!confirm(call)) {
            return call.exit(1);
        }
        call.out("Running transaction\n\nUpdated:\n");
        for (Package p : updates) {
            host.layDown(p);
            host.state().packages.put(p.name, p.update);
            call.outln("  " + p.name + "." + p.arch + " 0:" + p.update);
        }
        call.out("\nComplete!\n");
        return call.exit(0);
    }

    private CommandResult checkUpdate(Call call, Set<String> repos) {
        List<Package> updates = updates(call.host(), repos);
        if (updates.isEmpty()) {
            return call.exit(0);
        }
        if (!quiet(call)) { // yum 3.4.3 CheckUpdateCommand: with -q it returns 100 before listing anything
            call.out("\n");
            for (Package p : updates) {
                call.outln(String.format("%-40s %-30s %s", p.name + "." + p.arch, p.update, "updates"));
            }
        }
        return call.exit(100);
    }

    private static boolean quiet(Call call) {
        return call.args().contains("-q") || call.args().contains("--quiet");
    }

    private static List<Package> updates(Host host, Set<String> repos) {
        List<Package> out = new ArrayList<>();
        if (!repos.contains("updates")) {
            return out;
        }
        for (Map.Entry<String, String> e : host.state().packages.entrySet()) {
            PackageCatalog.get().find(e.getKey())
                    .filter(p -> p.update != null && !p.update.equals(e.getValue()))
                    .ifPresent(out::add);
        }
        return out;
    }

    private CommandResult repolist(Call call, Set<String> repos) {
        call.outln(String.format("%-40s %-40s %s", "repo id", "repo name", "status"));
        for (String r : repos) {
            call.outln(String.format("%-40s %-40s %s", r + "/7/x86_64", r, "enabled"));
        }
        call.outln("repolist: " + repos.size());
        return call.exit(0);
    }

    private CommandResult list(Call call) {
        call.outln("Installed Packages");
        call.host().state().packages.forEach((n, v) ->
                call.outln(String.format("%-40s %-30s %s", n + ".x86_64", v, "@anaconda")));
        return call.exit(0);
    }

    private static void table(Call call, String action, Iterable<Package> packages, Set<String> repos) {
        call.out("=".repeat(80) + "\n Package                 Arch        Version                Repository      Size\n"
                + "=".repeat(80) + "\n" + action + ":\n");
        for (Package p : packages) {
            call.outln(String.format(" %-23s %-11s %-22s %-15s %s", p.name, p.arch, p.available(repos), p.repo, "1.0 M"));
        }
        call.out("\n");
    }

    private static boolean confirm(Call call) {
        if (assumeYes(call.args())) {
            return true;
        }
        call.out("Is this ok [y/d/N]: ");
        String answer = call.context().stdinText().lines().findFirst().orElse("").strip();
        if (answer.equalsIgnoreCase("y") || answer.equalsIgnoreCase("yes")) {
            return true;
        }
        call.out("Exiting on user command\n");
        call.errln("Your transaction was saved, rerun it with:\n yum load-transaction /tmp/yum_save_tx.twin.yumtx");
        return false;
    }
}
