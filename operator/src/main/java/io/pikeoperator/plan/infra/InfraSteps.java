package io.pikeoperator.plan.infra;

import io.pikeoperator.api.v1alpha1.ConditionTypes;
import io.pikeoperator.config.IniFile;
import io.pikeoperator.config.ShellVariables;
import io.pikeoperator.engine.ManagedFile;
import io.pikeoperator.engine.Observation;
import io.pikeoperator.engine.Observations;
import io.pikeoperator.engine.Probe;
import io.pikeoperator.engine.Script;
import io.pikeoperator.engine.Step;
import io.pikeoperator.engine.StepFailure;
import io.pikeoperator.plan.Cluster;
import io.pikeoperator.plan.Passwords;
import io.pikeoperator.plan.Values;
import io.pikeoperator.plan.step.FileStep;
import io.pikeoperator.plan.step.FirewallStep;
import io.pikeoperator.plan.step.GuardedStep;
import io.pikeoperator.plan.step.PackagesStep;
import io.pikeoperator.plan.step.ServiceStep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The controller's infrastructure services: MariaDB, RabbitMQ, Memcached, etcd. */
public final class InfraSteps {

    public static final String RABBIT_SECRET = "/etc/rabbitmq/pike-openstack.secret";

    private InfraSteps() {
    }

    public static List<Step> of(Cluster cluster) {
        List<Step> steps = new ArrayList<>();
        steps.addAll(database(cluster));
        steps.addAll(messageQueue(cluster));
        steps.addAll(memcached(cluster));
        steps.addAll(etcd(cluster));
        return steps;
    }

    private static List<Step> database(Cluster cluster) {
        String db = ConditionTypes.DATABASE;
        String rootPw = cluster.passwords().get(Passwords.MARIADB_ROOT);
        List<Step> steps = new ArrayList<>();
        steps.add(new PackagesStep(db, List.of("mariadb", "mariadb-server", "python2-PyMySQL")));
        steps.add(new FileStep(db, ManagedFile.root("/etc/my.cnf.d/openstack.cnf", 0644), (text, ctx) -> IniFile.parse(text)
                .set("mysqld", "bind-address", cluster.controller().address())
                .set("mysqld", "default-storage-engine", "innodb")
                .set("mysqld", "innodb_file_per_table", "on")
                .set("mysqld", "max_connections", "4096")
                .set("mysqld", "collation-server", "utf8_general_ci")
                .set("mysqld", "character-set-server", "utf8").text(), List.of("mariadb")));
        steps.add(new ServiceStep(db, List.of("mariadb")));
        steps.add(new RootOptionFile(db, rootPw, cluster.passwords().previous(Passwords.MARIADB_ROOT)));
        steps.add(secureInstallation(rootPw));
        return steps;
    }

    static final String NO_PASSWORD = "mysql -uroot --password= -N -e 'SELECT 1'";

    /**
     * /root/.my.cnf with root's password, written only when that password works (or root has none yet, so the
     * secure installation sets it next). A password that MariaDB refuses is never written over one that works:
     * the step fails DatabaseRootPasswordMismatch and the file stays as it is — unless {@code mariadb-root} is being
     * rotated: then root's password is first set to the new one, authenticated with the password in use (the file
     * in place, else the previous value), and the file follows once the new one works. Resumable: after a crash
     * between the two, the new password works and only the file is written. Same probes as a plain file step (the
     * file, and root without a password, which the secure installation asks too), so no extra exec.
     */
    public static final class RootOptionFile extends Step {

        static final String PATH = "/root/.my.cnf";
        static final int MISMATCH = 3;

        private final FileStep file;
        private final Probe noPassword = Probe.of(NO_PASSWORD);
        private final String rootPw;
        private final java.util.Optional<String> previousPw;

        public RootOptionFile(String service, String rootPw, java.util.Optional<String> previousPw) {
            super(service, PATH);
            this.rootPw = rootPw;
            this.previousPw = previousPw;
            this.file = new FileStep(service, ManagedFile.root(PATH, 0600), (text, ctx) -> optionFile(text, rootPw), List.of());
        }

        private static String optionFile(String text, String password) {
            return IniFile.parse(text).set("client", "user", "root").set("client", "password", Values.optionFile(password)).text();
        }

        @Override
        public List<Probe> probes() {
            List<Probe> p = new ArrayList<>(file.probes());
            p.add(noPassword);
            return p;
        }

        @Override
        public String difference(Observations seen, io.pikeoperator.engine.RunContext context) throws StepFailure {
            return file.difference(seen, context);
        }

        @Override
        public void apply(Observations seen, io.pikeoperator.engine.RunContext context, io.pikeoperator.engine.Actions actions)
                throws StepFailure, io.pikeoperator.ssh.SshException {
            String out = seen.get(file.probes().get(0)).output();
            String current = out.strip().equals("@absent") || out.indexOf('\n') < 0 ? "" : out.substring(out.indexOf('\n') + 1);
            String wanted = file.wanted(current, context);
            boolean fresh = seen.get(noPassword).ok();
            // The candidate is tried as the only option file before it replaces the one in place.
            Script s = Script.of("umask 077\n"
                    + "tmp=$(mktemp /root/.pike-my.cnf-XXXXXX) || exit 1\n"
                    + "old=$(mktemp /root/.pike-my.cnf-XXXXXX) || exit 1\n"
                    + "trap 'rm -f \"$tmp\" \"$old\"' EXIT\n"
                    + "printf '%s' \"$CNF\" > \"$tmp\" || exit 1\n"
                    + (fresh ? "" : "if ! out=$(mysql --defaults-file=\"$tmp\" -N -e 'SELECT 1' 2>&1); then\n"
                    + "  case \"$out\" in *'Access denied'*) ;; *) printf '%s\\n' \"$out\" >&2; exit 1;; esac\n"
                    + (previousPw.isPresent() ? ROTATE : "  echo '@mismatch'; exit " + MISMATCH + "\n")
                    + "fi\n")
                    + "chown root:root \"$tmp\" && chmod 0600 \"$tmp\" && mv -f \"$tmp\" " + PATH + " || exit 1\n"
                    + "rm -f \"$old\"; trap - EXIT\n"
                    + "if command -v restorecon >/dev/null 2>&1; then restorecon " + PATH + " || true; fi")
                    .with("CNF", wanted);
            if (previousPw.isPresent()) {
                s = s.with("OLD_CNF", optionFile("", previousPw.get()))
                        .with("SQL", "UPDATE mysql.user SET Password=PASSWORD(" + Values.sql(rootPw) + ") WHERE User='root';\n"
                                + "FLUSH PRIVILEGES;\n");
            }
            io.pikeoperator.ssh.ExecResult r = actions.run(s);
            if (r.exitStatus() == MISMATCH && r.stdout().contains("@mismatch")) {
                throw new StepFailure("DatabaseRootPasswordMismatch", "MariaDB refuses root with the password of key "
                        + Passwords.MARIADB_ROOT + " in the passwords Secret" + (previousPw.isPresent()
                        ? ", with the one in " + PATH + " and with the previous one (rotation)" : "") + "; " + PATH
                        + " is left as it is");
            }
            if (!r.ok()) {
                throw new StepFailure("ConfigWriteFailed", "writing " + PATH + " failed (exit " + r.exitStatus() + "): "
                        + actions.tail(r));
            }
        }

        @Override
        public String failureReason() {
            return "ConfigWriteFailed";
        }

        /**
         * Rotation of root's password, after MariaDB refused the new one: authenticated as root with the password in
         * use (/root/.my.cnf, else the previous value), root's accounts get the new password (the secure
         * installation's statement, hostsim/FIDELITY.md M8), which must then work before the file is replaced.
         */
        private static final String ROTATE = ""
                + "  printf '%s' \"$OLD_CNF\" > \"$old\" || exit 1\n"
                + "  if mysql -N -e 'SELECT 1' >/dev/null 2>&1; then as=" + PATH + "\n"
                + "  elif mysql --defaults-file=\"$old\" -N -e 'SELECT 1' >/dev/null 2>&1; then as=$old\n"
                + "  else echo '@mismatch'; exit " + MISMATCH + "; fi\n"
                + "  printf '%s' \"$SQL\" | mysql --defaults-file=\"$as\" || exit 1\n"
                + "  if ! mysql --defaults-file=\"$tmp\" -N -e 'SELECT 1' >/dev/null 2>&1; then echo '@mismatch'; exit " + MISMATCH + "; fi\n";
    }

    /** mysql_secure_installation without its questions: root password set, anonymous users, remote root and test gone. */
    private static Step secureInstallation(String rootPw) {
        Probe noPassword = Probe.of(NO_PASSWORD);
        Probe state = Probe.of("mysql -N -e 'SELECT User, Host FROM mysql.user' && echo @test && "
                + "mysql -N -e \"SHOW DATABASES LIKE 'test'\"");
        List<String> local = List.of("localhost", "127.0.0.1", "::1");
        return GuardedStep.action(ConditionTypes.DATABASE, "secure installation", List.of(noPassword, state), (seen, ctx) -> {
            if (seen.get(noPassword).ok()) {
                return "root has no password";
            }
            Observation o = seen.get(state);
            if (!o.ok() && o.output().contains("Access denied")) {
                throw new StepFailure("DatabaseRootPasswordMismatch", "MariaDB refuses root with the password of key "
                        + Passwords.MARIADB_ROOT + " in the passwords Secret");
            }
            if (!o.ok()) {
                return "MariaDB does not answer";
            }
            List<String> problems = new ArrayList<>();
            String users = o.output().substring(0, o.output().indexOf("@test"));
            for (String line : users.lines().toList()) {
                String[] f = line.split("\t", -1);
                if (f.length >= 2 && f[0].isEmpty()) {
                    problems.add("anonymous user");
                } else if (f.length >= 2 && f[0].equals("root") && !local.contains(f[1])) {
                    problems.add("root may log in from " + f[1]);
                }
            }
            if (o.output().substring(o.output().indexOf("@test")).lines().anyMatch(l -> l.strip().equals("test"))) {
                problems.add("test database");
            }
            return problems.isEmpty() ? null : String.join(", ", problems.stream().distinct().toList());
        }, (seen, ctx) -> {
            boolean fresh = seen.get(noPassword).ok();
            String sql = (fresh ? "UPDATE mysql.user SET Password=PASSWORD(" + Values.sql(rootPw) + ") WHERE User='root';\n" : "")
                    + "DELETE FROM mysql.user WHERE User='';\n"
                    + "DELETE FROM mysql.user WHERE User='root' AND Host NOT IN ('localhost', '127.0.0.1', '::1');\n"
                    + "DROP DATABASE IF EXISTS test;\n"
                    + "DELETE FROM mysql.db WHERE Db='test' OR Db='test\\\\_%';\n"
                    + "FLUSH PRIVILEGES;\n";
            return Script.of("printf '%s\\n' \"$SQL\" | mysql " + (fresh ? "-uroot --password=" : ""))
                    .with("SQL", sql);
        }, "DatabaseSecureFailed");
    }

    /** A service's databases and its user, granted from localhost, anywhere and the controller's name (as the guide). */
    public static Step databaseFor(Cluster cluster, String service, List<String> databases, String user, String passwordKey) {
        String password = cluster.passwords().get(passwordKey);
        List<String> hosts = List.of("localhost", "%", cluster.controllerName());
        Probe grants = MariaDbQueries.grants(user, hosts);
        return GuardedStep.action(service, "databases " + String.join(" ", databases),
                List.of(MariaDbQueries.DATABASES, MariaDbQueries.ACCOUNTS, grants), (seen, ctx) -> {
                    List<String> problems = new ArrayList<>();
                    List<String> existing = seen.get(MariaDbQueries.DATABASES).lines();
                    databases.stream().filter(d -> !existing.contains(d)).forEach(d -> problems.add("database " + d + " missing"));
                    for (String h : hosts) {
                        if (!MariaDbQueries.hasAccount(seen.get(MariaDbQueries.ACCOUNTS), user, h, password)) {
                            problems.add("account " + user + "@" + h + " missing or with another password");
                        }
                        databases.stream().filter(d -> !MariaDbQueries.granted(seen.get(grants), h, d))
                                .forEach(d -> problems.add("no grant on " + d + " to " + user + "@" + h));
                    }
                    return problems.isEmpty() ? null : String.join(", ", problems);
                }, (seen, ctx) -> {
                    StringBuilder sql = new StringBuilder();
                    for (String d : databases) {
                        sql.append("CREATE DATABASE IF NOT EXISTS ").append(d).append(";\n");
                        for (String h : hosts) {
                            sql.append("GRANT ALL PRIVILEGES ON ").append(d).append(".* TO '").append(user).append("'@'")
                                    .append(h).append("' IDENTIFIED BY ").append(Values.sql(password)).append(";\n");
                        }
                    }
                    return Script.of("printf '%s\\n' \"$SQL\" | mysql").with("SQL", sql.toString());
                }, "DatabaseGrantFailed");
    }

    private static List<Step> messageQueue(Cluster cluster) {
        String mq = ConditionTypes.MESSAGE_QUEUE;
        String password = cluster.passwords().get(Passwords.RABBITMQ);
        List<Step> steps = new ArrayList<>();
        steps.add(new PackagesStep(mq, List.of("rabbitmq-server")));
        steps.add(new ServiceStep(mq, List.of("rabbitmq-server")));
        // rabbitmqctl 3.6 takes passwords only as arguments; the broker reads this file instead (eval below).
        steps.add(new FileStep(mq, new ManagedFile(RABBIT_SECRET, "root", "rabbitmq", 0640), (text, ctx) -> password,
                List.of()));
        Probe users = Probe.of("rabbitmqctl list_users && echo @permissions && rabbitmqctl list_permissions");
        Probe login = Probe.of("rabbitmqctl eval " + io.pikeoperator.engine.Shell.quote(
                "{ok, P} = file:read_file(\"" + RABBIT_SECRET + "\"), rabbit_access_control:check_user_pass_login(<<\"openstack\">>, P)."));
        steps.add(GuardedStep.action(mq, "user openstack", List.of(users, login), (seen, ctx) -> {
            String out = seen.get(users).output();
            int p = out.indexOf("@permissions");
            boolean exists = p > 0 && out.substring(0, p).lines().anyMatch(l -> l.startsWith("openstack\t") || l.equals("openstack"));
            if (!exists) {
                return "user openstack missing";
            }
            if (!seen.get(login).output().contains("{ok,")) {
                return "user openstack has another password";
            }
            boolean permitted = out.substring(p).lines().anyMatch(l -> l.replaceAll("\\s+", " ").strip().equals("openstack .* .* .*"));
            return permitted ? null : "user openstack lacks permissions .* .* .*";
        }, (seen, ctx) -> {
            String out = seen.get(users).output();
            int p = Math.max(0, out.indexOf("@permissions"));
            boolean exists = out.substring(0, p).lines().anyMatch(l -> l.startsWith("openstack\t") || l.equals("openstack"));
            String call = exists ? "change_password" : "add_user";
            return Script.of("set -e\nrabbitmqctl eval " + io.pikeoperator.engine.Shell.quote("{ok, P} = file:read_file(\""
                    + RABBIT_SECRET + "\"), rabbit_auth_backend_internal:" + call + "(<<\"openstack\">>, P).") + " >/dev/null\n"
                    + "rabbitmqctl set_permissions openstack '.*' '.*' '.*'");
        }, "MessageQueueUserFailed"));
        if (cluster.manageFirewall()) {
            steps.add(new FirewallStep(mq, List.of("5672/tcp"), List.of()));
        }
        return steps;
    }

    private static List<Step> memcached(Cluster cluster) {
        String mc = ConditionTypes.MEMCACHED;
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("PORT", "11211");
        vars.put("USER", "memcached");
        vars.put("MAXCONN", "1024");
        vars.put("CACHESIZE", "64");
        vars.put("OPTIONS", "-l 127.0.0.1,::1," + cluster.controllerName());
        return List.of(new PackagesStep(mc, List.of("memcached", "python-memcached")),
                new FileStep(mc, ManagedFile.root("/etc/sysconfig/memcached", 0644), (text, ctx) -> setAll(text, vars),
                        List.of("memcached")),
                new ServiceStep(mc, List.of("memcached")));
    }

    private static List<Step> etcd(Cluster cluster) {
        String ip = cluster.controller().address();
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("ETCD_DATA_DIR", "/var/lib/etcd/default.etcd");
        vars.put("ETCD_LISTEN_PEER_URLS", "http://" + ip + ":2380");
        vars.put("ETCD_LISTEN_CLIENT_URLS", "http://" + ip + ":2379");
        vars.put("ETCD_NAME", "controller");
        vars.put("ETCD_INITIAL_ADVERTISE_PEER_URLS", "http://" + ip + ":2380");
        vars.put("ETCD_ADVERTISE_CLIENT_URLS", "http://" + ip + ":2379");
        vars.put("ETCD_INITIAL_CLUSTER", "controller=http://" + ip + ":2380");
        vars.put("ETCD_INITIAL_CLUSTER_TOKEN", "etcd-cluster-01");
        vars.put("ETCD_INITIAL_CLUSTER_STATE", "new");
        return List.of(new PackagesStep(ConditionTypes.ETCD, List.of("etcd")),
                new FileStep(ConditionTypes.ETCD, new ManagedFile("/etc/etcd/etcd.conf", "root", "root", 0644),
                        (text, ctx) -> setAll(text, vars), List.of("etcd")),
                new ServiceStep(ConditionTypes.ETCD, List.of("etcd")));
    }

    private static String setAll(String text, Map<String, String> vars) {
        String out = text;
        for (Map.Entry<String, String> e : vars.entrySet()) {
            out = ShellVariables.set(out, e.getKey(), e.getValue());
        }
        return out;
    }
}
