package io.pikeoperator.plan;

import io.pikeoperator.api.v1alpha1.ExtraHost;
import io.pikeoperator.api.v1alpha1.GlanceImage;
import io.pikeoperator.api.v1alpha1.GlanceSpec;
import io.pikeoperator.api.v1alpha1.HostSpec;
import io.pikeoperator.api.v1alpha1.NovaSpec;
import io.pikeoperator.api.v1alpha1.PikeClusterSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A cluster as the plan needs it, with every default of the CRD applied (objects read from a file or a mock API
 * server have not been defaulted by a real one).
 */
public record Cluster(String region, String managementNetwork, List<String> ntpServers, NodeInfo controller,
                      List<NodeInfo> computes, List<ExtraHost> extraHosts, String glanceStores, String glanceDefaultStore,
                      String glanceDatadir, List<GlanceImage> images, int discoverHostsIntervalSeconds,
                      boolean upgradePackages, boolean rebootAfterUpgrade, boolean manageFirewall, Passwords passwords) {

    public static Cluster of(PikeClusterSpec spec, NodeInfo controller, List<NodeInfo> computes, Passwords passwords) {
        GlanceSpec glance = Objects.requireNonNullElseGet(spec.glance, GlanceSpec::new);
        NovaSpec nova = Objects.requireNonNullElseGet(spec.nova, NovaSpec::new);
        HostSpec host = Objects.requireNonNullElseGet(spec.host, HostSpec::new);
        List<GlanceImage> images = glance.images == null ? List.of() : glance.images.stream().map(Cluster::defaulted).toList();
        return new Cluster(
                Objects.requireNonNullElse(spec.region, PikeClusterSpec.DEFAULT_REGION),
                spec.managementNetwork,
                spec.ntpServers == null ? List.of() : List.copyOf(spec.ntpServers),
                controller, List.copyOf(computes),
                spec.extraHosts == null ? List.of() : List.copyOf(spec.extraHosts),
                Objects.requireNonNullElse(glance.stores, GlanceSpec.DEFAULT_STORES),
                Objects.requireNonNullElse(glance.defaultStore, GlanceSpec.DEFAULT_STORE),
                Objects.requireNonNullElse(glance.filesystemStoreDatadir, GlanceSpec.DEFAULT_DATADIR),
                images,
                Objects.requireNonNullElse(nova.discoverHostsIntervalSeconds, NovaSpec.DEFAULT_DISCOVER_HOSTS_INTERVAL_SECONDS),
                Boolean.TRUE.equals(host.upgradePackages),
                Boolean.TRUE.equals(host.rebootAfterUpgrade),
                !Boolean.FALSE.equals(host.manageFirewall),
                passwords);
    }

    private static GlanceImage defaulted(GlanceImage i) {
        GlanceImage c = new GlanceImage();
        c.name = i.name;
        c.url = i.url;
        c.diskFormat = Objects.requireNonNullElse(i.diskFormat, GlanceImage.DiskFormat.QCOW2);
        c.containerFormat = Objects.requireNonNullElse(i.containerFormat, GlanceImage.ContainerFormat.BARE);
        c.visibility = Objects.requireNonNullElse(i.visibility, GlanceImage.Visibility.PUBLIC);
        return c;
    }

    /** The controller's host name: every service URL points at it, as in the guide. */
    public String controllerName() {
        return controller.hostname();
    }

    /** Every name /etc/hosts must map on every node: the managed nodes, then the extra hosts. */
    public Map<String, String> hostsEntries() {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(controller.hostname(), controller.address());
        computes.forEach(c -> entries.put(c.hostname(), c.address()));
        extraHosts.forEach(e -> entries.putIfAbsent(e.hostname, e.address));
        return entries;
    }
}
