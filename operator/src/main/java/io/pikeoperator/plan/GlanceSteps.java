package io.pikeoperator.plan;

import io.pikeoperator.api.v1alpha1.ConditionTypes;
import io.pikeoperator.api.v1alpha1.GlanceImage;
import io.pikeoperator.config.IniFile;
import io.pikeoperator.engine.ManagedFile;
import io.pikeoperator.engine.Probe;
import io.pikeoperator.engine.Script;
import io.pikeoperator.engine.Shell;
import io.pikeoperator.engine.Step;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Glance on the controller: database, user and endpoints, glance-api/registry.conf, db_sync, services, images. */
final class GlanceSteps {

    private static final String GL = ConditionTypes.GLANCE;

    private GlanceSteps() {
    }

    static List<Step> of(Cluster cluster) {
        String ctrl = cluster.controllerName();
        List<Step> steps = new ArrayList<>();
        steps.add(InfraSteps.databaseFor(cluster, GL, List.of("glance"), "glance", Passwords.GLANCE_DB));
        steps.add(Identity.user(cluster, GL, "glance", Passwords.GLANCE, "service", "admin"));
        steps.add(Identity.serviceWithEndpoints(cluster, GL, "glance", "image", "OpenStack Image", "http://" + ctrl + ":9292"));
        steps.add(new PackagesStep(GL, List.of("openstack-glance")));
        String db = Values.dbUrl("glance", cluster.passwords().get(Passwords.GLANCE_DB), ctrl, "glance");
        steps.add(new FileStep(GL, new ManagedFile("/etc/glance/glance-api.conf", "root", "glance", 0640), (text, ctx) ->
                authtoken(IniFile.parse(text).set("database", "connection", db)
                        .set("glance_store", "stores", cluster.glanceStores())
                        .set("glance_store", "default_store", cluster.glanceDefaultStore())
                        .set("glance_store", "filesystem_store_datadir", cluster.glanceDatadir()), cluster).text(),
                List.of("openstack-glance-api")));
        steps.add(new FileStep(GL, new ManagedFile("/etc/glance/glance-registry.conf", "root", "glance", 0640), (text, ctx) ->
                authtoken(IniFile.parse(text).set("database", "connection", db), cluster).text(),
                List.of("openstack-glance-registry")));
        steps.add(SchemaSync.step(GL, "glance-manage db_sync", "su -s /bin/sh -c 'glance-manage db_version' glance",
                SchemaSync.alembicRevision(), "the glance database has no schema",
                "su -s /bin/sh -c 'glance-manage db_sync' glance"));
        if (cluster.manageFirewall()) {
            steps.add(new FirewallStep(GL, List.of("9292/tcp"), List.of()));
        }
        steps.add(new ServiceStep(GL, List.of("openstack-glance-api", "openstack-glance-registry")));
        cluster.images().forEach(i -> steps.add(image(i)));
        return steps;
    }

    private static IniFile authtoken(IniFile ini, Cluster cluster) {
        return Identity.authtoken(ini, cluster, "glance", Passwords.GLANCE).set("paste_deploy", "flavor", "keystone");
    }

    static final Probe IMAGES = Probe.of(Identity.AS_ADMIN + "openstack image list -f value -c Name -c Status");

    /** Uploaded once: only while Glance has no image of that name (its status is the verification's business). */
    private static Step image(GlanceImage image) {
        return GuardedStep.action(GL, "image " + image.name, List.of(IMAGES), (seen, ctx) ->
                        seen.get(IMAGES).ok() && seen.get(IMAGES).lines().stream().anyMatch(l -> l.startsWith(image.name + " "))
                                ? null : "image " + image.name + " not uploaded",
                (seen, ctx) -> Script.of("set -e\n" + Identity.AS_ADMIN + "true\n"
                        + "d=$(mktemp -d)\ntrap 'rm -rf \"$d\"' EXIT\n"
                        + "curl -fsSL -o \"$d/image\" " + Shell.quote(image.url) + "\n"
                        + "openstack image create --file \"$d/image\" --disk-format " + lower(image.diskFormat)
                        + " --container-format " + lower(image.containerFormat) + " --" + lower(image.visibility) + " "
                        + Shell.quote(image.name) + " >/dev/null"), "ImageUploadFailed");
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
