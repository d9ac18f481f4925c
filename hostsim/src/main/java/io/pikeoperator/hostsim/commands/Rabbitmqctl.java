package io.pikeoperator.hostsim.commands;

import io.pikeoperator.hostsim.model.HostState.RabbitState;
import io.pikeoperator.hostsim.model.HostState.RabbitUser;
import io.pikeoperator.hostsim.model.Rabbit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * rabbitmqctl of RabbitMQ 3.6: users, passwords, permissions on "/", and {@code eval} of the expressions that
 * set or check a password read from a file (so that the password never is an argument):
 * <pre>{ok, P} = file:read_file("/path"), rabbit_auth_backend_internal:add_user(&lt;&lt;"openstack"&gt;&gt;, P).</pre>
 * with add_user, change_password, or rabbit_access_control:check_user_pass_login. Exit statuses are 3.6's
 * (src/rabbit_cli.erl, include/rabbit_cli.hrl): a refused authenticate_user exits 67 (EX_NOUSER), other errors
 * of a command or of eval 70 (EX_SOFTWARE).
 */
final class Rabbitmqctl implements Command {

    private static final Pattern EVAL = Pattern.compile("^\\s*\\{ok,\\s*(\\w+)\\}\\s*=\\s*file:read_file\\(\"([^\"]+)\"\\)\\s*,"
            + "\\s*(rabbit_auth_backend_internal:add_user|rabbit_auth_backend_internal:change_password|"
            + "rabbit_access_control:check_user_pass_login)\\(\\s*<<\"([^\"]+)\">>\\s*,\\s*\\1\\s*\\)\\s*\\.\\s*$");

    @Override
    public CommandResult run(Call call) {
        List<String> args = new ArrayList<>();
        boolean quiet = false;
        for (int i = 0; i < call.args().size(); i++) {
            String a = call.args().get(i);
            if (a.equals("-q") || a.equals("--quiet")) {
                quiet = true;
            } else if (a.equals("-n") || a.equals("-p")) {
                String v = call.args().get(++i);
                if (a.equals("-p") && !v.equals("/")) {
                    return call.fail(2, "Error: no_such_vhost: " + v);
                }
            } else {
                args.add(a);
            }
        }
        if (args.isEmpty()) {
            return call.fail(64, "Usage:\nrabbitmqctl [-n <node>] [-q] <command> [<command options>]");
        }
        RabbitState rabbit = call.host().state().rabbit;
        if (!call.host().active("rabbitmq-server") || rabbit == null) {
            return call.fail(2, "Error: unable to connect to node rabbit@" + call.host().name() + ": nodedown\n\n"
                    + "DIAGNOSTICS\n===========\n\nattempted to contact: [rabbit@" + call.host().name() + "]");
        }
        String cmd = args.get(0);
        List<String> a = args.subList(1, args.size());
        switch (cmd) {
            case "add_user" -> {
                if (a.size() != 2) {
                    return call.fail(64, "Error: wrong number of arguments");
                }
                if (!quiet) {
                    call.outln("Creating user \"" + a.get(0) + "\" ...");
                }
                if (rabbit.users.containsKey(a.get(0))) {
                    return call.fail(70, "Error: user_already_exists: " + a.get(0));
                }
                rabbit.users.put(a.get(0), Rabbit.newUser(a.get(1)));
            }
            case "change_password" -> {
                if (!quiet) {
                    call.outln("Changing password for user \"" + a.get(0) + "\" ...");
                }
                RabbitUser u = rabbit.users.get(a.get(0));
                if (u == null) {
                    return call.fail(70, "Error: no_such_user: " + a.get(0));
                }
                Rabbit.setPassword(u, a.get(1));
            }
            case "delete_user" -> {
                if (!quiet) {
                    call.outln("Deleting user \"" + a.get(0) + "\" ...");
                }
                if (rabbit.users.remove(a.get(0)) == null) {
                    return call.fail(70, "Error: no_such_user: " + a.get(0));
                }
            }
            case "set_permissions" -> {
                if (a.size() != 4) {
                    return call.fail(64, "Error: wrong number of arguments");
                }
                if (!quiet) {
                    call.outln("Setting permissions for user \"" + a.get(0) + "\" in vhost \"/\" ...");
                }
                RabbitUser u = rabbit.users.get(a.get(0));
                if (u == null) {
                    return call.fail(70, "Error: no_such_user: " + a.get(0));
                }
                u.permissions = List.of(a.get(1), a.get(2), a.get(3));
            }
            case "list_users" -> {
                if (!quiet) {
                    call.outln("Listing users ...");
                }
                rabbit.users.forEach((n, u) -> call.outln(n + "\t[" + String.join(", ", u.tags) + "]"));
            }
            case "list_permissions" -> {
                if (!quiet) {
                    call.outln("Listing permissions in vhost \"/\" ...");
                }
                rabbit.users.forEach((n, u) -> {
                    if (u.permissions != null) {
                        call.outln(n + "\t" + String.join("\t", u.permissions));
                    }
                });
            }
            case "authenticate_user" -> {
                if (!quiet) {
                    call.outln("Authenticating user \"" + a.get(0) + "\" ...");
                }
                RabbitUser u = rabbit.users.get(a.get(0));
                if (u == null || !Rabbit.checkPassword(u, a.get(1))) {
                    return call.fail(67, "Error: failed to authenticate user \"" + a.get(0) + "\"");
                }
                call.outln("Success");
            }
            case "status" -> call.outln("Status of node rabbit@" + call.host().name() + " ...\n[{pid,1},\n {running_applications,"
                    + "[{rabbit,\"RabbitMQ\",\"3.6.5\"}]}]");
            case "eval" -> {
                return eval(call, rabbit, String.join(" ", a));
            }
            default -> {
                return call.fail(64, "Error: could not recognise command");
            }
        }
        return call.exit(0);
    }

    private CommandResult eval(Call call, RabbitState rabbit, String expr) {
        Matcher m = EVAL.matcher(expr);
        if (!m.matches()) {
            return call.fail(65, "Error: the host twin models only the file-password expressions of rabbitmqctl eval "
                    + "(see Rabbitmqctl): " + expr.replaceAll("<<\"[^\"]*\">>", "<<...>>"));
        }
        Optional<byte[]> content;
        try {
            content = Optional.of(call.files().readBytes(m.group(2)));
        } catch (java.io.IOException e) {
            content = Optional.empty();
        }
        if (content.isEmpty()) {
            return call.fail(70, "Error: {badmatch,{error,enoent}}");
        }
        String password = new String(content.get(), java.nio.charset.StandardCharsets.UTF_8);
        String user = m.group(4);
        RabbitUser u = rabbit.users.get(user);
        switch (m.group(3)) {
            case "rabbit_auth_backend_internal:add_user" -> {
                if (u != null) {
                    return call.fail(70, "Error: {user_already_exists,<<\"" + user + "\">>}");
                }
                rabbit.users.put(user, Rabbit.newUser(password));
                return call.outln("ok").exit(0);
            }
            case "rabbit_auth_backend_internal:change_password" -> {
                if (u == null) {
                    return call.fail(70, "Error: {no_such_user,<<\"" + user + "\">>}");
                }
                Rabbit.setPassword(u, password);
                return call.outln("ok").exit(0);
            }
            default -> {
                // 3.6: rabbit_access_control:check_user_login returns {ok, #user{username, tags, authz_backends}}
                // with authz_backends [{Module, Impl}] (Impl none for the internal backend), or the backend's
                // refusal with the user name added: {refused, Username, Format, Args}
                boolean ok = u != null && Rabbit.checkPassword(u, password);
                return call.outln(ok ? "{ok,{user,<<\"" + user + "\">>,[" + String.join(",", u.tags)
                        + "],[{rabbit_auth_backend_internal,none}]}}"
                        : "{refused,<<\"" + user + "\">>,\"user '~s' - invalid credentials\",[<<\"" + user + "\">>]}").exit(0);
            }
        }
    }
}
