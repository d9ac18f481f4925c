package io.pikeoperator.plan;

import io.pikeoperator.api.v1alpha1.ConditionTypes;
import io.pikeoperator.engine.Script;
import io.pikeoperator.engine.Step;
import io.pikeoperator.plan.infra.InfraSteps;
import io.pikeoperator.ssh.RemoteShell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One scenario against the twin's RabbitMQ 3.6 (over SSH) and Debian's real RabbitMQ 3.10 (local bash): the
 * operator's secret file, its {@code rabbitmqctl eval} calls that read it, and its reading of list_users and
 * list_permissions must give the same verdicts on both. Version differences are handled explicitly
 * ({@link #rewriteFor310}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RabbitMqContractIT {

    static final String HOSTILE = "p'a \"s$w`o\\rd@/%#;x $HOME";
    static final String OTHER = "  \\\"'  ";

    @TempDir
    static Path dir;

    TwinController twin;
    RealRabbitMq real;
    RealShell realShell;
    final List<String> rewrites = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        twin = new TwinController(dir.resolve("twin"));
        twin.setup("yum -y -q install centos-release-openstack-pike >/dev/null && "
                + "yum -y -q install rabbitmq-server >/dev/null && systemctl start rabbitmq-server");
        real = RealRabbitMq.start(Files.createDirectories(dir.resolve("real")));
        realShell = real.shell();
        realShell.rewriting(this::rewriteFor310);
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
     * Version difference: RabbitMQ 3.6's rabbit_auth_backend_internal exports add_user/2 and change_password/2
     * (v3.6.16 src/rabbit_auth_backend_internal.erl); 3.7+ take a third argument, the acting user, and the
     * two-argument calls are undefined ({@link #theOperatorsTwoArgumentCallsAre36Only}). On 3.10 only, the
     * operator's eval gets the acting user appended; nothing else of its script changes.
     */
    RealShell.Exec rewriteFor310(RealShell.Exec e) {
        String c = e.command();
        for (String f : List.of("add_user", "change_password")) {
            String call = "rabbit_auth_backend_internal:" + f + "(<<\"openstack\">>, P).";
            if (c.contains(call)) {
                c = c.replace(call, "rabbit_auth_backend_internal:" + f + "(<<\"openstack\">>, P, <<\"pike-operator\">>).");
                rewrites.add(f);
            }
        }
        return new RealShell.Exec(c, e.stdin());
    }

    static Cluster cluster(String password) throws Passwords.InvalidPasswordException {
        return Contract.cluster(Map.of(Passwords.RABBITMQ, password));
    }

    List<String> runBoth(Cluster cluster, boolean dryRun) {
        List<Step> steps = Contract.daemonSteps(cluster, ConditionTypes.MESSAGE_QUEUE);
        assertThat(steps).extracting(Step::name).containsExactly(InfraSteps.RABBIT_SECRET, "user openstack");
        List<String> t = Contract.run(twin.shell, cluster, steps, dryRun);
        List<String> r = Contract.run(realShell, cluster, steps, dryRun);
        assertThat(r).as("real RabbitMQ 3.10 vs twin").isEqualTo(t);
        return t;
    }

    RealShell.Result[] both(Script s) throws Exception {
        return new RealShell.Result[] {Contract.exec(twin.shell, s), Contract.exec(realShell, s)};
    }

    static Script eval(String file, String call) {
        return Script.of("rabbitmqctl eval " + io.pikeoperator.engine.Shell.quote("{ok, P} = file:read_file(\"" + file
                + "\"), " + call + "."));
    }

    @Test
    @Order(1)
    void theOperatorsTwoArgumentCallsAre36Only() throws Exception {
        Script write = Script.of("printf '%s' \"$PW\" > /etc/rabbitmq/contract.secret").with("PW", HOSTILE);
        Contract.exec(twin.shell, write);
        Contract.exec(realShell, write);
        Script add = eval("/etc/rabbitmq/contract.secret", "rabbit_auth_backend_internal:add_user(<<\"probe\">>, P)");
        RealShell.Result t = Contract.exec(twin.shell, add);
        assertThat(t.exit()).isZero();
        assertThat(t.output()).isEqualTo("ok\n");
        realShell.rewriting(java.util.function.UnaryOperator.identity());
        try {
            RealShell.Result r = Contract.exec(realShell, add);
            assertThat(r.exit()).isNotZero();
            assertThat(r.output()).contains(":undef", ":rabbit_auth_backend_internal, :add_user");
            // and 3.10 prints the arguments of the undefined call: the password read from the file
            assertThat(r.output()).contains(HOSTILE.replace("\\", "\\\\").replace("\"", "\\\""));
        } finally {
            realShell.rewriting(this::rewriteFor310);
        }
        Script add3 = eval("/etc/rabbitmq/contract.secret",
                "rabbit_auth_backend_internal:add_user(<<\"probe\">>, P, <<\"pike-operator\">>)");
        RealShell.Result r3 = Contract.exec(realShell, add3);
        assertThat(r3.output()).isEqualTo(t.output());
        assertThat(r3.exit()).isZero();
        for (RealShell.Result del : both(Script.of("rabbitmqctl delete_user probe >/dev/null; rm /etc/rabbitmq/contract.secret"))) {
            assertThat(del.exit()).isZero();
        }
    }

    @Test
    @Order(2)
    void theOperatorCreatesTheUserWithAHostilePasswordTheSameWay() throws Exception {
        List<String> run = runBoth(cluster(HOSTILE), false);
        assertThat(run).containsExactly(InfraSteps.RABBIT_SECRET + ": CHANGED (missing)",
                "user openstack: CHANGED (user openstack missing)");
        assertThat(rewrites).containsExactly("add_user");
        assertThat(runBoth(cluster(HOSTILE), false)).allMatch(l -> l.endsWith(": UNCHANGED"));
    }

    @Test
    @Order(3)
    void thePasswordCheckAnswersTheSameTerms() throws Exception {
        Script ok = eval(InfraSteps.RABBIT_SECRET, "rabbit_access_control:check_user_pass_login(<<\"openstack\">>, P)");
        RealShell.Result[] r = both(ok);
        assertThat(r[1].output()).isEqualTo(r[0].output())
                .isEqualTo("{ok,{user,<<\"openstack\">>,[],[{rabbit_auth_backend_internal,none}]}}\n");
        Script wrong = Script.of("printf '%s' \"$PW\" > /etc/rabbitmq/contract.pw && rabbitmqctl eval "
                + io.pikeoperator.engine.Shell.quote("{ok, P} = file:read_file(\"/etc/rabbitmq/contract.pw\"), "
                + "rabbit_access_control:check_user_pass_login(<<\"openstack\">>, P).")).with("PW", HOSTILE + "x");
        r = both(wrong);
        assertThat(r[1].output()).isEqualTo(r[0].output())
                .isEqualTo("{refused,<<\"openstack\">>,\"user '~s' - invalid credentials\",[<<\"openstack\">>]}\n");
        both(Script.of("rm -f /etc/rabbitmq/contract.pw"));
    }

    @Test
    @Order(4)
    void authenticateUserTakesTheSamePassword() throws Exception {
        // A test password as an argument: the operator itself never does this.
        Script right = Script.of("rabbitmqctl authenticate_user openstack \"$PW\"").with("PW", HOSTILE);
        RealShell.Result[] r = both(right);
        assertThat(r[0].exit()).isZero();
        assertThat(r[1].exit()).isZero();
        assertThat(r[1].output()).contains("Authenticating user \"openstack\" ...", "Success");
        assertThat(r[0].output()).contains("Authenticating user \"openstack\" ...", "Success");
        r = both(Script.of("rabbitmqctl authenticate_user openstack \"$PW\"").with("PW", HOSTILE + " "));
        assertThat(r[0].exit()).isNotZero();
        assertThat(r[1].exit()).isNotZero();
        assertThat(r[0].output()).contains("Error: failed to authenticate user \"openstack\"");
        assertThat(r[1].output()).contains("Error: failed to authenticate user \"openstack\"");
        // Version difference (exit status only): 3.6 exits EX_NOUSER (67, src/rabbit_cli.erl), 3.10 EX_DATAERR (65)
        assertThat(r[0].exit()).isEqualTo(67);
        assertThat(r[1].exit()).isEqualTo(65);
    }

    @Test
    @Order(5)
    void listUsersAndListPermissionsAreReadTheSameWay() throws Exception {
        // lacking permissions
        both(Script.of("rabbitmqctl set_permissions openstack '' '' '' >/dev/null"));
        assertThat(runBoth(cluster(HOSTILE), true)).contains("user openstack: WOULD_CHANGE (user openstack lacks permissions .* .* .*)");
        assertThat(runBoth(cluster(HOSTILE), false)).contains("user openstack: CHANGED (user openstack lacks permissions .* .* .*)");
        // another password in the secret: change_password through the file
        rewrites.clear();
        List<String> changed = runBoth(cluster(OTHER), false);
        assertThat(changed.get(0)).startsWith(InfraSteps.RABBIT_SECRET + ": CHANGED");
        assertThat(changed.get(1)).isEqualTo("user openstack: CHANGED (user openstack has another password)");
        assertThat(rewrites).containsExactly("change_password");
        // the user gone
        both(Script.of("rabbitmqctl delete_user openstack >/dev/null"));
        assertThat(runBoth(cluster(OTHER), true)).contains("user openstack: WOULD_CHANGE (user openstack missing)");
        assertThat(runBoth(cluster(OTHER), false)).contains("user openstack: CHANGED (user openstack missing)");
        assertThat(runBoth(cluster(OTHER), false)).allMatch(l -> l.endsWith(": UNCHANGED"));
    }

    @Test
    @Order(6)
    void theListingsHaveTheLinesTheOperatorLooksFor() throws Exception {
        RealShell.Result[] users = both(Script.of("rabbitmqctl list_users"));
        RealShell.Result[] perms = both(Script.of("rabbitmqctl list_permissions"));
        for (RealShell.Result u : users) {
            assertThat(u.output().lines()).first().isEqualTo("Listing users ...");
            assertThat(u.output().lines()).contains("openstack\t[]", "guest\t[administrator]");
        }
        for (RealShell.Result p : perms) {
            assertThat(p.output().lines()).contains("openstack\t.*\t.*\t.*", "guest\t.*\t.*\t.*");
        }
        // Version difference (output only): 3.7+ print a header row ("user\ttags", "user\tconfigure\twrite\tread")
        // and say "for vhost"; 3.6's display_info_list prints the rows only (v3.6.16 src/rabbit_control_main.erl).
        assertThat(users[1].output().lines()).contains("user\ttags");
        assertThat(users[0].output().lines()).doesNotContain("user\ttags");
        assertThat(perms[1].output().lines()).first().isEqualTo("Listing permissions for vhost \"/\" ...");
        assertThat(perms[0].output().lines()).first().isEqualTo("Listing permissions in vhost \"/\" ...");
    }
}
