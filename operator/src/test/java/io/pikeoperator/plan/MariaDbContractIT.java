package io.pikeoperator.plan;

import io.pikeoperator.api.v1alpha1.ConditionTypes;
import io.pikeoperator.engine.Script;
import io.pikeoperator.engine.Step;
import io.pikeoperator.plan.infra.InfraSteps;
import io.pikeoperator.plan.infra.MariaDbQueries;
import io.pikeoperator.ssh.RemoteShell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One scenario, run against the twin's MariaDB 10.1 (over SSH) and Debian's real MariaDB 10.11 (local bash):
 * the operator's own scripts and probes, with hostile passwords, must give the same observable result on both.
 * The scenario is one fresh server going through the operator's steps, so the tests run in order. Where 10.11
 * differs from 10.1 the test says so and handles it explicitly (see {@link #rewriteFor1011}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MariaDbContractIT {

    static final String HOSTILE = "p'a \"s$w`o\\rd@/%#;x $HOME";
    static final Map<String, String> PASSWORDS = Map.of(
            Passwords.MARIADB_ROOT, HOSTILE + "\\",
            Passwords.KEYSTONE_DB, HOSTILE,
            Passwords.GLANCE_DB, "'",
            Passwords.NOVA_DB, "  lead and trail  ",
            Passwords.PLACEMENT, "back\\slash\\",
            Passwords.DEMO, "\"");
    /** user, database and password key of each account the operator creates here. */
    static final List<List<String>> ACCOUNTS = List.of(List.of("keystone", "keystone", Passwords.KEYSTONE_DB),
            List.of("glance", "glance", Passwords.GLANCE_DB), List.of("nova", "nova", Passwords.NOVA_DB),
            List.of("placement", "placement", Passwords.PLACEMENT), List.of("dquote", "dquote", Passwords.DEMO));

    @TempDir
    static Path dir;

    TwinController twin;
    RealMariaDb real;
    RealShell realShell;
    Cluster cluster;
    final List<String> rewrites = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        cluster = Contract.cluster(PASSWORDS);
        twin = new TwinController(dir.resolve("twin"));
        twin.setup("yum -y -q install centos-release-openstack-pike >/dev/null && "
                + "yum -y -q install mariadb mariadb-server python2-PyMySQL >/dev/null && systemctl start mariadb");
        real = RealMariaDb.start(java.nio.file.Files.createDirectories(dir.resolve("real")));
        realShell = real.shell();
        realShell.rewriting(this::rewriteFor1011);
    }

    @AfterAll
    void stop() {
        if (real != null) {
            real.close();
        }
        if (twin != null) {
            twin.close();
        }
    }

    /**
     * Version difference: since 10.4 mysql.user is a view over mysql.global_priv and UPDATE of its Password column
     * fails (ERROR 1356); in 10.1 it is a table (scripts/mysql_system_tables.sql) and the operator's fresh-install
     * {@code UPDATE mysql.user SET Password=PASSWORD(...) WHERE User='root'} + FLUSH PRIVILEGES sets root's
     * password. On 10.11 only, that one statement becomes SET PASSWORD for root's local accounts with the same
     * literal; the rest of the operator's SQL runs as it is. {@link #theOperatorsRootPasswordUpdateIsA101Statement}
     * shows the difference itself.
     */
    RealShell.Exec rewriteFor1011(RealShell.Exec e) {
        Map<String, String> in = Contract.inputs(e.stdin());
        String sql = in.get("SQL");
        String prefix = "UPDATE mysql.user SET Password=PASSWORD(";
        String suffix = ") WHERE User='root';";
        if (sql == null || !sql.startsWith(prefix)) {
            return e;
        }
        int nl = sql.indexOf('\n');
        String first = sql.substring(0, nl);
        assertThat(first).endsWith(suffix);
        String literal = first.substring(prefix.length(), first.length() - suffix.length());
        StringBuilder set = new StringBuilder();
        for (String h : List.of("localhost", "127.0.0.1", "::1")) {
            set.append("SET PASSWORD FOR 'root'@'").append(h).append("' = PASSWORD(").append(literal).append(");\n");
        }
        in.put("SQL", set + sql.substring(nl + 1));
        rewrites.add(first.substring(0, prefix.length()) + "...");
        return new RealShell.Exec(e.command(), Contract.stdin(in));
    }

    /** Runs the same thing on both and asserts the same exit status and output; returns the output. */
    String same(ScriptOn what) throws Exception {
        RealShell.Result t = what.on(twin.shell);
        RealShell.Result r = what.on(realShell);
        assertThat(normalize(r.output())).as("real MariaDB 10.11 vs twin (exit %d / %d)", r.exit(), t.exit())
                .isEqualTo(normalize(t.output()));
        assertThat(r.exit()).as("exit status, real vs twin; output: %s", r.output()).isEqualTo(t.exit());
        return normalize(t.output());
    }

    @FunctionalInterface
    interface ScriptOn {
        RealShell.Result on(RemoteShell shell) throws Exception;
    }

    /** Output without trailing whitespace (a row may start with a tab: the anonymous user's empty name). */
    static String normalize(String s) {
        return s.replaceAll("\\s+$", "");
    }

    /** As {@link #same}, for results without ORDER BY: the rows compared in sorted order. */
    List<String> sameRows(ScriptOn what) throws Exception {
        RealShell.Result t = what.on(twin.shell);
        RealShell.Result r = what.on(realShell);
        List<String> rows = t.output().lines().sorted().toList();
        assertThat(r.output().lines().sorted().toList()).as("real MariaDB 10.11 vs twin").isEqualTo(rows);
        assertThat(r.exit()).isEqualTo(t.exit());
        return rows;
    }

    static Script sql(String statements, String... clientArgs) {
        return Script.of("printf '%s\\n' \"$SQL\" | mysql " + String.join(" ", clientArgs)).with("SQL", statements);
    }

    /** Logs in as {@code user} with an option file holding {@code password} the way the operator writes it. */
    static Script loginWithExtraFile(String user, String password, String hostArg) {
        return Script.of("d=$(mktemp -d) && printf '%s' \"$CNF\" > \"$d/client.cnf\" && "
                + "HOME=/nonexistent mysql --defaults-extra-file=\"$d/client.cnf\" " + hostArg + " -N -e 'SELECT 1'; "
                + "rc=$?; rm -rf \"$d\"; exit $rc")
                .with("CNF", "[client]\nuser = " + user + "\npassword = " + Values.optionFile(password) + "\n");
    }

    /** The same, from ~/.my.cnf of a HOME that is not root's. */
    static Script loginWithHome(String user, String password, String hostArg) {
        return Script.of("d=$(mktemp -d) && printf '%s' \"$CNF\" > \"$d/.my.cnf\" && "
                + "HOME=\"$d\" mysql " + hostArg + " -N -e 'SELECT 1'; rc=$?; rm -rf \"$d\"; exit $rc")
                .with("CNF", "[client]\nuser=" + user + "\npassword=" + Values.optionFile(password) + "\n");
    }

    @Test
    @Order(1)
    void aFreshServerLetsRootInWithoutPasswordAndHasAnonymousUsersAndTest() throws Exception {
        assertThat(same(s -> Contract.exec(s, Script.of("mysql -uroot --password= -N -e 'SELECT 1'")))).isEqualTo("1");
        List<String> users = sameRows(s -> Contract.exec(s, Script.of(
                "mysql -uroot --password= -N -e \"SELECT User, Host FROM mysql.user WHERE User IN ('', 'root') AND Host='localhost'\"")));
        assertThat(users).containsExactly("\tlocalhost", "root\tlocalhost");
        same(s -> Contract.exec(s, Script.of("mysql -uroot --password= -N -e \"SHOW DATABASES LIKE 'test'\"")));
    }

    @Test
    @Order(2)
    void theAnonymousUserAtLocalhostShadowsAGrantToPercentOverSocketAndTcp() throws Exception {
        // The server sorts accounts by host specificity first: ''@'localhost' (exact) beats 'shadow'@'%', so the
        // named user is refused although its password is right. On the controller the same happens with
        // ''@'controller01' for clients that connect by the host's name: why the guide grants to 'controller01'.
        same(s -> Contract.exec(s, sql("GRANT ALL PRIVILEGES ON shadowdb.* TO 'shadow'@'%' IDENTIFIED BY "
                + Values.sql(HOSTILE) + ";", "-uroot", "--password=")));
        String socket = same(s -> Contract.exec(s, loginWithExtraFile("shadow", HOSTILE, "")));
        assertThat(socket).contains("Access denied for user 'shadow'@'localhost' (using password: YES)");
        String tcp = same(s -> Contract.exec(s, loginWithExtraFile("shadow", HOSTILE, "-h 127.0.0.1")));
        assertThat(tcp).contains("Access denied for user 'shadow'@'localhost' (using password: YES)");
    }

    @Test
    @Order(3)
    void theOperatorsRootPasswordUpdateIsA101Statement() throws Exception {
        // Version difference, shown: the twin (10.1) updates the table; 10.11 refuses the view's column.
        String update = "UPDATE mysql.user SET Password=PASSWORD('unused') WHERE User='nobody';";
        assertThat(Contract.exec(twin.shell, sql(update, "-uroot", "--password=")).exit()).isZero();
        RealShell.Result r = Contract.exec(realShell, sql("SELECT 1;\n" + update, "-uroot", "--password="));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.output()).contains("ERROR 1356 (HY000)", "View 'mysql.user' references invalid table(s)");
    }

    @Test
    @Order(4)
    void theOperatorsDatabaseStepsConvergeTheSameWayOnBoth() throws Exception {
        List<Step> steps = steps();
        List<String> twinRun = Contract.run(twin.shell, cluster, steps, false);
        List<String> realRun = Contract.run(realShell, cluster, steps, false);
        assertThat(realRun).isEqualTo(twinRun);
        assertThat(twinRun).allMatch(l -> l.contains(": CHANGED"), "every step changed something on a fresh server");
        assertThat(rewrites).as("the 10.11 adaptation was used, once").hasSize(1);
        // and again: nothing differs any more, as the operator reads both servers' answers
        assertThat(Contract.run(realShell, cluster, steps, false)).isEqualTo(Contract.run(twin.shell, cluster, steps, false))
                .allMatch(l -> l.endsWith(": UNCHANGED"));
    }

    List<Step> steps() {
        List<Step> steps = new ArrayList<>(Contract.daemonSteps(cluster, ConditionTypes.DATABASE));
        for (List<String> a : ACCOUNTS) {
            steps.add(InfraSteps.databaseFor(cluster, "Db-" + a.get(0), List.of(a.get(1)), a.get(0), a.get(2)));
        }
        return steps;
    }

    @Test
    @Order(5)
    void afterTheSecureInstallationRootNeedsItsPasswordAndTheShadowIsGone() throws Exception {
        String noPassword = same(s -> Contract.exec(s, Script.of("mysql -uroot --password= -N -e 'SELECT 1'")));
        assertThat(noPassword).contains("Access denied for user 'root'@'localhost' (using password: NO)");
        // root's password from the operator's /root/.my.cnf (Values.optionFile), over the socket and TCP
        assertThat(same(s -> Contract.exec(s, Script.of("mysql -N -e 'SELECT 1'")))).isEqualTo("1");
        assertThat(same(s -> Contract.exec(s, Script.of("mysql -h 127.0.0.1 -N -e 'SELECT 1'")))).isEqualTo("1");
        assertThat(same(s -> Contract.exec(s, loginWithExtraFile("shadow", HOSTILE, "")))).isEqualTo("1");
        assertThat(same(s -> Contract.exec(s, loginWithExtraFile("shadow", HOSTILE, "-h 127.0.0.1")))).isEqualTo("1");
        assertThat(same(s -> Contract.exec(s, Script.of("mysql -N -e \"SELECT User, Host FROM mysql.user WHERE User=''\"; "
                + "mysql -N -e \"SELECT User, Host FROM mysql.user WHERE User='root' AND Host NOT IN ('localhost', '127.0.0.1', '::1')\"; "
                + "mysql -N -e \"SHOW DATABASES LIKE 'test'\"")))).isEmpty();
    }

    @Test
    @Order(6)
    void everyHostilePasswordWorksFromAnOptionFileOverSocketAndTcp() throws Exception {
        for (List<String> a : ACCOUNTS) {
            String pw = PASSWORDS.get(a.get(2));
            for (String host : List.of("", "-h 127.0.0.1")) {
                assertThat(same(s -> Contract.exec(s, loginWithExtraFile(a.get(0), pw, host)))).as(a.get(0) + " " + host)
                        .isEqualTo("1");
                assertThat(same(s -> Contract.exec(s, loginWithHome(a.get(0), pw, host)))).as(a.get(0) + " " + host)
                        .isEqualTo("1");
            }
            assertThat(same(s -> Contract.exec(s, loginWithExtraFile(a.get(0), pw + "x", "-h 127.0.0.1"))))
                    .contains("Access denied for user '" + a.get(0) + "'@'localhost' (using password: YES)");
        }
    }

    @Test
    @Order(7)
    void theServersPasswordFunctionIsTheOperatorsHash() throws Exception {
        // Real server only: the twin answers PASSWORD() with its own Java, which is not evidence.
        for (String pw : PASSWORDS.values()) {
            RealShell.Result r = Contract.exec(realShell, Script.of("printf '%s\\n' \"$SQL\" | mysql -N")
                    .with("SQL", "SELECT PASSWORD(" + Values.sql(pw) + ");"));
            assertThat(r.output().strip()).isEqualTo(MariaDbQueries.hash(pw));
        }
        String accounts = Contract.exec(realShell, MariaDbQueries.ACCOUNTS.script()).output();
        assertThat(MariaDbQueries.hasAccount(new io.pikeoperator.engine.Observation(0, accounts), "nova", "controller01",
                PASSWORDS.get(Passwords.NOVA_DB))).isTrue();
    }

    @Test
    @Order(8)
    void setPasswordWithAHostilePasswordIsSeenAndRepairedTheSameWay() throws Exception {
        String other = "\\'\"$(id)`id` ;-- ";
        same(s -> Contract.exec(s, sql("SET PASSWORD FOR 'keystone'@'localhost' = PASSWORD(" + Values.sql(other) + ");")));
        assertThat(same(s -> Contract.exec(s, loginWithExtraFile("keystone", other, "")))).isEqualTo("1");
        assertThat(same(s -> Contract.exec(s, loginWithExtraFile("keystone", HOSTILE, ""))))
                .contains("Access denied for user 'keystone'@'localhost' (using password: YES)");
        List<Step> steps = steps();
        List<String> plan = Contract.run(realShell, cluster, steps, true);
        assertThat(plan).isEqualTo(Contract.run(twin.shell, cluster, steps, true))
                .contains("databases keystone: WOULD_CHANGE (account keystone@localhost missing or with another password)");
        assertThat(Contract.run(realShell, cluster, steps, false)).isEqualTo(Contract.run(twin.shell, cluster, steps, false))
                .contains("databases keystone: CHANGED (account keystone@localhost missing or with another password)");
        assertThat(same(s -> Contract.exec(s, loginWithExtraFile("keystone", HOSTILE, "-h 127.0.0.1")))).isEqualTo("1");
    }

    @Test
    @Order(9)
    void theGrantsProbeReadsBothServersAlike() throws Exception {
        var probe = MariaDbQueries.grants("nova", List.of("localhost", "%", "controller01"));
        for (String h : List.of("localhost", "%", "controller01")) {
            var t = new io.pikeoperator.engine.Observation(0, Contract.exec(twin.shell, probe.script()).output());
            var r = new io.pikeoperator.engine.Observation(0, Contract.exec(realShell, probe.script()).output());
            assertThat(MariaDbQueries.granted(r, h, "nova")).as(h).isTrue().isEqualTo(MariaDbQueries.granted(t, h, "nova"));
            assertThat(MariaDbQueries.granted(r, h, "glance")).as(h).isFalse().isEqualTo(MariaDbQueries.granted(t, h, "glance"));
        }
    }

    @Test
    @Order(10)
    void rootsPasswordIsRotatedOnlyWhenItsPreviousValueIsKnownAndTheSameWayOnBoth() throws Exception {
        String old = PASSWORDS.get(Passwords.MARIADB_ROOT);
        String next = "n3w 'root' \"pw\" $x\\";
        List<Step> guarded = List.of(new InfraSteps.RootOptionFile(ConditionTypes.DATABASE, next, java.util.Optional.empty()));
        List<String> refused = Contract.run(twin.shell, cluster, guarded, false);
        assertThat(Contract.run(realShell, cluster, guarded, false)).isEqualTo(refused);
        assertThat(refused).singleElement().asString().contains("FAILED", "MariaDB refuses root");
        // a rotation: authenticated with the password in use, root gets the new one, then the file follows
        List<Step> rotating = List.of(new InfraSteps.RootOptionFile(ConditionTypes.DATABASE, next, java.util.Optional.of(old)));
        List<String> rotated = Contract.run(twin.shell, cluster, rotating, false);
        assertThat(Contract.run(realShell, cluster, rotating, false)).isEqualTo(rotated);
        assertThat(rotated).singleElement().asString().contains("CHANGED");
        assertThat(same(s -> Contract.exec(s, Script.of("mysql -N -e 'SELECT 1'")))).isEqualTo("1");
        assertThat(same(s -> Contract.exec(s, Script.of("mysql -h 127.0.0.1 -N -e 'SELECT 1'")))).isEqualTo("1");
        assertThat(same(s -> Contract.exec(s, loginWithExtraFile("root", old, ""))))
                .contains("Access denied for user 'root'@'localhost' (using password: YES)");
        assertThat(Contract.run(realShell, cluster, rotating, false)).isEqualTo(Contract.run(twin.shell, cluster, rotating, false))
                .singleElement().asString().contains("UNCHANGED");
    }
}
