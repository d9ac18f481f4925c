package io.pikeoperator.plan.keystone;

import io.pikeoperator.api.v1alpha1.ConditionTypes;
import io.pikeoperator.config.IniFile;
import io.pikeoperator.engine.ManagedFile;
import io.pikeoperator.engine.Probe;
import io.pikeoperator.engine.Script;
import io.pikeoperator.engine.Shell;
import io.pikeoperator.engine.Step;
import io.pikeoperator.plan.Cluster;
import io.pikeoperator.plan.Passwords;
import io.pikeoperator.plan.Values;
import io.pikeoperator.plan.infra.HttpdConf;
import io.pikeoperator.plan.infra.InfraSteps;
import io.pikeoperator.plan.step.FileStep;
import io.pikeoperator.plan.step.FirewallStep;
import io.pikeoperator.plan.step.GuardedStep;
import io.pikeoperator.plan.step.PackagesStep;
import io.pikeoperator.plan.step.SchemaSync;
import io.pikeoperator.plan.step.ServiceStep;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Keystone on the controller: database, keystone.conf, keys, httpd with mod_wsgi, bootstrap, openrc files, demo. */
public final class KeystoneSteps {

    private static final String KS = ConditionTypes.KEYSTONE;

    private KeystoneSteps() {
    }

    public static List<Step> of(Cluster cluster) {
        String ctrl = cluster.controllerName();
        List<Step> steps = new ArrayList<>();
        steps.add(InfraSteps.databaseFor(cluster, KS, List.of("keystone"), "keystone", Passwords.KEYSTONE_DB));
        steps.add(new PackagesStep(KS, List.of("openstack-keystone", "httpd", "mod_wsgi")));
        steps.add(new FileStep(KS, new ManagedFile("/etc/keystone/keystone.conf", "root", "keystone", 0640),
                (text, ctx) -> IniFile.parse(text)
                        .set("database", "connection", Values.dbUrl("keystone", cluster.passwords().get(Passwords.KEYSTONE_DB), ctrl, "keystone"))
                        .set("token", "provider", "fernet").text(), List.of("httpd")));
        // keystone 12's legacy repository starts at 067_kilo: an empty database answers 66 (exit 0), synced is 109
        steps.add(SchemaSync.step(KS, "keystone-manage db_sync", "su -s /bin/sh -c 'keystone-manage db_version' keystone",
                SchemaSync.versionAbove(66), "the keystone database has no schema",
                "su -s /bin/sh -c 'keystone-manage db_sync' keystone"));
        steps.add(once("fernet_setup", "test -f /etc/keystone/fernet-keys/0", "no fernet keys",
                "keystone-manage fernet_setup --keystone-user keystone --keystone-group keystone"));
        steps.add(once("credential_setup", "test -f /etc/keystone/credential-keys/0", "no credential keys",
                "keystone-manage credential_setup --keystone-user keystone --keystone-group keystone"));
        steps.add(new FileStep(KS, ManagedFile.root("/etc/httpd/conf/httpd.conf", 0644),
                (text, ctx) -> HttpdConf.serverName(text, ctrl), List.of("httpd")));
        Probe link = Probe.of("readlink /etc/httpd/conf.d/wsgi-keystone.conf");
        steps.add(GuardedStep.action(KS, "wsgi-keystone.conf", List.of(link), (seen, ctx) ->
                        seen.get(link).output().strip().equals("/usr/share/keystone/wsgi-keystone.conf") ? null : "not linked",
                (seen, ctx) -> Script.of("ln -sfn /usr/share/keystone/wsgi-keystone.conf /etc/httpd/conf.d/wsgi-keystone.conf"),
                "ConfigWriteFailed").notifying(List.of("httpd")));
        if (cluster.manageFirewall()) {
            steps.add(new FirewallStep(KS, List.of("5000/tcp", "35357/tcp"), List.of()));
        }
        steps.add(new ServiceStep(KS, List.of("httpd")));
        steps.add(new FileStep(KS, ManagedFile.root(Identity.ADMIN_OPENRC, 0600), (text, ctx) -> openrc("admin", "admin",
                cluster.passwords().get(Passwords.ADMIN), "http://" + ctrl + ":35357/v3", "Default"), List.of()));
        steps.add(new FileStep(KS, ManagedFile.root(Identity.DEMO_OPENRC, 0600), (text, ctx) -> openrc("demo", "demo",
                cluster.passwords().get(Passwords.DEMO), "http://" + ctrl + ":5000/v3", "default"), List.of()));
        steps.add(bootstrap(cluster));
        steps.add(Identity.named(KS, "project", "projects", "service", "--domain default --description 'Service Project'"));
        steps.add(Identity.named(KS, "project", "projects", "demo", "--domain default --description 'Demo Project'"));
        steps.add(Identity.named(KS, "role", "roles", "user", ""));
        steps.add(Identity.user(cluster, KS, "demo", Passwords.DEMO, "demo", "user"));
        return steps;
    }

    /** A one-time command guarded by a real check of the host (exit 0 = already done). */
    static Step once(String name, String check, String missing, String command) {
        return once(KS, name, check, missing, command);
    }

    static Step once(String service, String name, String check, String missing, String command) {
        Probe probe = Probe.of(check);
        return GuardedStep.action(service, name, List.of(probe), (seen, ctx) -> seen.get(probe).ok() ? null : missing,
                (seen, ctx) -> Script.of(command), "CommandFailed");
    }

    /** keystone-manage bootstrap, only while the admin cannot log in or the identity endpoints are missing. */
    private static Step bootstrap(Cluster cluster) {
        String ctrl = cluster.controllerName();
        String admin = "http://" + ctrl + ":35357/v3/";
        String internal = "http://" + ctrl + ":5000/v3/";
        Probe login = Probe.of(Identity.AS_ADMIN + "openstack token issue -f value -c id >/dev/null");
        return GuardedStep.action(KS, "bootstrap", List.of(login, Identity.INVENTORY), (seen, ctx) -> {
            if (!seen.get(login).ok()) {
                return "the admin cannot log in";
            }
            List<String> missing = Identity.missingEndpoints(seen.get(Identity.INVENTORY), cluster, "identity",
                    List.of("admin"), admin);
            List<String> others = Identity.missingEndpoints(seen.get(Identity.INVENTORY), cluster, "identity",
                    List.of("internal", "public"), internal);
            return missing.isEmpty() && others.isEmpty() ? null : "identity endpoints missing";
        }, (seen, ctx) -> Script.of("OS_BOOTSTRAP_PASSWORD=\"$" + Values.inputName(Passwords.ADMIN) + "\" keystone-manage bootstrap"
                + " --bootstrap-admin-url " + Shell.quote(admin) + " --bootstrap-internal-url " + Shell.quote(internal)
                + " --bootstrap-public-url " + Shell.quote(internal) + " --bootstrap-region-id " + Shell.quote(cluster.region()))
                .with(Values.inputName(Passwords.ADMIN), cluster.passwords().get(Passwords.ADMIN)), "KeystoneBootstrapFailed")
                .settling(Duration.ofSeconds(30));
    }

    /** The install guide's admin_openrc / demo_openrc, with the password quoted for the shell that sources it. */
    static String openrc(String user, String project, String password, String authUrl, String domain) {
        boolean admin = user.equals("admin");
        List<String> lines = admin
                ? List.of("OS_USERNAME=" + user, "OS_PASSWORD=" + Shell.quote(password), "OS_PROJECT_NAME=" + project,
                "OS_USER_DOMAIN_NAME=" + domain, "OS_PROJECT_DOMAIN_NAME=" + domain, "OS_AUTH_URL=" + authUrl,
                "OS_IDENTITY_API_VERSION=3", "OS_IMAGE_API_VERSION=2")
                : List.of("OS_PROJECT_DOMAIN_NAME=" + domain, "OS_USER_DOMAIN_NAME=" + domain, "OS_PROJECT_NAME=" + project,
                "OS_USERNAME=" + user, "OS_PASSWORD=" + Shell.quote(password), "OS_AUTH_URL=" + authUrl,
                "OS_IDENTITY_API_VERSION=3", "OS_IMAGE_API_VERSION=2");
        StringBuilder s = new StringBuilder();
        lines.forEach(l -> s.append("export ").append(l).append('\n'));
        return s.toString();
    }
}
