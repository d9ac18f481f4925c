package io.pikeoperator.hostsim.commands;

import io.pikeoperator.hostsim.model.PackageCatalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * rpm -q NAME... (package names only: exit status = how many are not installed), rpm -q --whatprovides CAP...
 * (a name or a Provides), rpm -qa, with --qf/--queryformat.
 */
final class Rpm implements Command {

    @Override
    public CommandResult run(Call call) {
        List<String> names = new ArrayList<>();
        String format = null;
        boolean query = false;
        boolean all = false;
        boolean whatProvides = false;
        List<String> args = call.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--qf") || a.equals("--queryformat")) {
                format = args.get(++i);
            } else if (a.startsWith("--qf=") || a.startsWith("--queryformat=")) {
                format = a.substring(a.indexOf('=') + 1);
            } else if (a.equals("-q") || a.equals("--query")) {
                query = true;
            } else if (a.equals("-qa") || a.equals("-aq")) {
                query = true;
                all = true;
            } else if (a.equals("--whatprovides")) {
                whatProvides = true;
            } else if (a.equals("-a") || a.equals("--all")) {
                all = true;
            } else if (!a.startsWith("-")) {
                names.add(a);
            }
        }
        if (!query) {
            return call.fail(1, "rpm: only queries are modelled (-q, -qa)");
        }
        Map<String, String> installed = call.host().state().packages;
        if (all) {
            for (Map.Entry<String, String> e : installed.entrySet()) {
                call.out(render(format, e.getKey(), e.getValue()));
            }
            return call.exit(0);
        }
        int missing = 0;
        for (String n : names) {
            String name = whatProvides ? PackageCatalog.get().provider(n).map(p -> p.name).filter(installed::containsKey)
                    .orElse(n) : n;
            String version = installed.get(name);
            if (version == null) {
                call.outln(whatProvides ? "no package provides " + n : "package " + n + " is not installed");
                missing++;
            } else {
                call.out(render(format, name, version));
            }
        }
        return call.exit(missing);
    }

    private static String render(String format, String name, String versionRelease) {
        String arch = PackageCatalog.get().find(name).map(p -> p.arch).orElse("x86_64");
        int dash = versionRelease.lastIndexOf('-');
        String version = dash < 0 ? versionRelease : versionRelease.substring(0, dash);
        String release = dash < 0 ? "" : versionRelease.substring(dash + 1);
        if (format == null) {
            return name + "-" + versionRelease + "." + arch + "\n";
        }
        return format.replace("%{NAME}", name).replace("%{VERSION}", version).replace("%{RELEASE}", release)
                .replace("%{ARCH}", arch).replace("\\n", "\n").replace("\\t", "\t");
    }
}
