package io.pikeoperator.hostsim.commands;

import io.pikeoperator.hostsim.model.Host;
import io.pikeoperator.hostsim.model.World;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Dispatches shim invocations to the commands, one at a time across the whole twin (the model lock), and lets
 * the twin persist what changed afterwards.
 */
public final class TwinShell implements TwinCommands {

    private final World world;
    private final Map<String, Command> commands = new HashMap<>();
    private final Consumer<Host> afterCommand;

    public TwinShell(World world, Consumer<Host> afterCommand) {
        this.world = world;
        this.afterCommand = afterCommand;
        Command yum = new Yum();
        commands.put("yum", yum);
        commands.put("rpm", new Rpm());
        commands.put("systemctl", new Systemctl());
        commands.put("uname", new Uname());
        commands.put("reboot", new Reboot());
        commands.put("firewall-cmd", new FirewallCmd());
        commands.put("chronyc", new Chronyc());
        commands.put("nc", new Nc());
        commands.put("ncat", new Nc());
        commands.put("curl", new Curl());
        commands.put("wget", new Curl());
        commands.put("mysql", new Mysql());
        commands.put("mysqladmin", new Mysql());
        commands.put("mysql_secure_installation", new MysqlSecureInstallation());
        commands.put("rabbitmqctl", new Rabbitmqctl());
        commands.put("keystone-manage", new KeystoneManage());
        commands.put("glance-manage", new GlanceManage());
        commands.put("nova-manage", new NovaManage());
        commands.put("nova-status", new NovaStatus());
        commands.put("openstack", new OpenStack());
    }

    @Override
    public CommandResult run(CommandContext context) {
        Command command = commands.get(context.name());
        if (command == null) {
            return CommandResult.fail(127, "bash: " + context.name() + ": command not found\n");
        }
        // Read stdin before taking the lock: a client that is slow to send it must not stall other hosts.
        if (command.readsStdin(context)) {
            context.stdin();
        }
        world.lock().lock();
        try {
            Host host = world.host(context.host());
            CommandResult result = command.run(new Call(world, host, context));
            afterCommand.accept(host);
            return result;
        } finally {
            world.lock().unlock();
        }
    }
}
