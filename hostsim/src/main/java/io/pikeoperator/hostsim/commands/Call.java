package io.pikeoperator.hostsim.commands;

import io.pikeoperator.hostsim.model.Host;
import io.pikeoperator.hostsim.model.HostFiles;
import io.pikeoperator.hostsim.model.World;

import java.util.List;

/** One running invocation of a twin-backed command: where it runs, its arguments, and what it has printed. */
public final class Call {

    private final World world;
    private final Host host;
    private final CommandContext context;
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();

    public Call(World world, Host host, CommandContext context) {
        this.world = world;
        this.host = host;
        this.context = context;
    }

    public World world() {
        return world;
    }

    public Host host() {
        return host;
    }

    public CommandContext context() {
        return context;
    }

    public String name() {
        return context.name();
    }

    public List<String> args() {
        return context.args();
    }

    public String env(String name) {
        return context.env().get(name);
    }

    /** The user the command runs as: root, or the one su switched to. */
    public String user() {
        return context.env().getOrDefault("TWIN_USER", "root");
    }

    public HostFiles files() {
        return host.files();
    }

    /** A path as given on the command line, made absolute against the working directory. */
    public String path(String given) {
        return given.startsWith("/") ? given : (context.cwd().endsWith("/") ? context.cwd() : context.cwd() + "/") + given;
    }

    public Call out(String s) {
        out.append(s);
        return this;
    }

    public Call outln(String s) {
        out.append(s).append('\n');
        return this;
    }

    public Call err(String s) {
        err.append(s);
        return this;
    }

    public Call errln(String s) {
        err.append(s).append('\n');
        return this;
    }

    public CommandResult exit(int code) {
        return CommandResult.of(code, out.toString(), err.toString());
    }

    public CommandResult fail(int code, String message) {
        errln(message);
        return exit(code);
    }
}
