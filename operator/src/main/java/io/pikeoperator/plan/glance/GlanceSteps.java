package io.pikeoperator.plan.glance;

import io.pikeoperator.api.v1alpha1.ConditionTypes;
import io.pikeoperator.api.v1alpha1.GlanceImage;
import io.pikeoperator.config.IniFile;
import io.pikeoperator.engine.ManagedFile;
import io.pikeoperator.engine.Probe;
import io.pikeoperator.engine.Script;
import io.pikeoperator.engine.Shell;
import io.pikeoperator.engine.Step;
import io.pikeoperator.plan.Cluster;
import io.pikeoperator.plan.Passwords;
import io.pikeoperator.plan.Values;
import io.pikeoperator.plan.infra.InfraSteps;
import io.pikeoperator.plan.keystone.Identity;
import io.pikeoperator.plan.step.FileStep;
import io.pikeoperator.plan.step.FirewallStep;
import io.pikeoperator.plan.step.GuardedStep;
import io.pikeoperator.plan.step.PackagesStep;
import io.pikeoperator.plan.step.SchemaSync;
import io.pikeoperator.plan.step.ServiceStep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Glance on the controller: database, user and endpoints, glance-api/registry.conf, db_sync, services, images. */
public final class GlanceSteps {

    private static final String GL = ConditionTypes.GLANCE;

    private GlanceSteps() {
    }

    public static List<Step> of(Cluster cluster) {
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

    public static final Probe IMAGES = Probe.of(Identity.AS_ADMIN + "openstack image list -f value -c Name -c Status");

    /** Statuses of an upload that did not finish: such an image is deleted and uploaded again. */
    static final List<String> LEFTOVER = List.of("queued", "saving", "killed");

    /**
     * Uploaded once: only while Glance has no usable image of that name. A {@code queued}, {@code saving} or
     * {@code killed} one is the leftover of an interrupted upload: deleted, then uploaded again. A list that fails
     * is a failed check, never "missing" (that would upload a second copy).
     */
    static Step image(GlanceImage image) {
        String input = "IMAGE_NAME";
        return GuardedStep.action(GL, "image " + image.name, List.of(IMAGES), (seen, ctx) -> {
            var o = seen.get(IMAGES);
            if (!o.ok()) {
                throw new io.pikeoperator.engine.StepFailure("CheckFailed", "openstack image list failed (exit " + o.exit()
                        + "): the image " + image.name + " is not known to be missing");
            }
            List<String> statuses = o.lines().stream().filter(l -> l.startsWith(image.name + " "))
                    .map(l -> l.substring(image.name.length() + 1).strip()).filter(st -> !st.contains(" ")).toList();
            if (statuses.isEmpty()) {
                return "image " + image.name + " not uploaded";
            }
            if (statuses.stream().allMatch(LEFTOVER::contains)) {
                return "image " + image.name + " left " + String.join(", ", statuses) + " by an upload that did not finish";
            }
            return null;
        }, (seen, ctx) -> Script.of("set -e\n" + Identity.AS_ADMIN + "true\n"
                        // the leftovers by ID (a name may be shared), read from the client's own list
                        + "openstack image list -f value -c ID -c Name -c Status | while read -r id rest; do\n"
                        + "  case \"$rest\" in \"$" + input + " queued\"|\"$" + input + " saving\"|\"$" + input + " killed\")"
                        + " openstack image delete \"$id\";; esac\ndone\n"
                        + "d=$(mktemp -d)\ntrap 'rm -rf \"$d\"' EXIT\n"
                        + "curl -fsSL -o \"$d/image\" " + Shell.quote(image.url) + "\n"
                        + "openstack image create --file \"$d/image\" --disk-format " + lower(image.diskFormat)
                        + " --container-format " + lower(image.containerFormat) + " --" + lower(image.visibility) + " "
                        + "\"$" + input + "\" >/dev/null").with(input, image.name), "ImageUploadFailed");
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
