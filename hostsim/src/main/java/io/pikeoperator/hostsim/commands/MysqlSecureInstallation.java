package io.pikeoperator.hostsim.commands;

import io.pikeoperator.hostsim.model.MariaDb;
import io.pikeoperator.hostsim.model.Sql;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * mysql_secure_installation, answered line by line on stdin as a person would type: current root password, set
 * (or change) the root password twice, then Y/n for anonymous users, remote root, the test database, reload.
 */
final class MysqlSecureInstallation implements Command {

    @Override
    public boolean readsStdin(CommandContext context) {
        return true;
    }

    @Override
    public CommandResult run(Call call) {
        Deque<String> answers = new ArrayDeque<>(call.context().stdinText().lines().toList());
        call.out("\nNOTE: RUNNING ALL PARTS OF THIS SCRIPT IS RECOMMENDED FOR ALL MariaDB\n      SERVERS IN PRODUCTION USE!"
                + "  PLEASE READ EACH STEP CAREFULLY!\n\nEnter current password for root (enter for none): ");
        String current = next(answers);
        MariaDb.Connect c = MariaDb.connect(call.world(), call.host(), null, "root", current, null);
        if (!c.ok()) {
            call.outln("");
            return call.fail(1, c.error().cli()
                    + "\nUnable to connect to the server as root user, giving up.");
        }
        call.out("OK, successfully used password, moving on...\n\n");
        boolean hasPassword = !c.session().account().passwordHash.isEmpty();
        call.out(hasPassword ? "You already have a root password set, so you can safely answer 'n'.\n\nChange the root password? [Y/n] "
                : "Set root password? [Y/n] ");
        StringBuilder sql = new StringBuilder();
        if (yes(next(answers))) {
            call.out("New password: ");
            String pw = next(answers);
            call.out("Re-enter new password: ");
            String again = next(answers);
            if (!pw.equals(again)) {
                return call.fail(1, "Sorry, passwords do not match.");
            }
            if (pw.isEmpty()) {
                return call.fail(1, "Sorry, you can't use an empty password here.");
            }
            sql.append("UPDATE mysql.user SET Password=PASSWORD('").append(pw.replace("\\", "\\\\").replace("'", "\\'"))
                    .append("') WHERE User='root';");
            call.out("Password updated successfully!\n");
        }
        call.out("Remove anonymous users? [Y/n] ");
        if (yes(next(answers))) {
            sql.append("DELETE FROM mysql.user WHERE User='';");
            call.out(" ... Success!\n");
        }
        call.out("Disallow root login remotely? [Y/n] ");
        if (yes(next(answers))) {
            sql.append("DELETE FROM mysql.user WHERE User='root' AND Host NOT IN ('localhost', '127.0.0.1', '::1');");
            call.out(" ... Success!\n");
        }
        call.out("Remove test database and access to it? [Y/n] ");
        if (yes(next(answers))) {
            sql.append("DROP DATABASE IF EXISTS test;DELETE FROM mysql.db WHERE Db='test' OR Db='test\\\\_%';");
            call.out(" - Dropping test database...\n ... Success!\n");
        }
        call.out("Reload privilege tables now? [Y/n] ");
        if (yes(next(answers))) {
            sql.append("FLUSH PRIVILEGES;");
            call.out(" ... Success!\n");
        }
        Sql.Outcome o = Sql.run(c.session(), sql.toString());
        if (o.error() != null) {
            return call.fail(1, o.error().cli());
        }
        call.out("\nAll done!  If you've completed all of the above steps, your MariaDB\ninstallation should now be secure.\n"
                + "\nThanks for using MariaDB!\n");
        return call.exit(0);
    }

    private static String next(Deque<String> answers) {
        return answers.isEmpty() ? "" : answers.poll();
    }

    private static boolean yes(String answer) {
        return !answer.strip().toLowerCase().startsWith("n");
    }
}
