package io.pikeoperator.plan.nova;

import io.pikeoperator.api.v1alpha1.VirtType;
import io.pikeoperator.config.IniFile;
import io.pikeoperator.plan.Cluster;
import io.pikeoperator.plan.NodeInfo;
import io.pikeoperator.plan.Passwords;
import io.pikeoperator.plan.Values;
import io.pikeoperator.plan.keystone.Identity;

import java.util.Locale;
import java.util.Objects;

/** /etc/nova/nova.conf as the guide writes it, on the controller and on a compute. */
public final class NovaConf {

    private NovaConf() {
    }

    static String controller(String text, Cluster cluster) {
        String ctrl = cluster.controllerName();
        String novaDb = cluster.passwords().get(Passwords.NOVA_DB);
        IniFile ini = common(IniFile.parse(text), cluster, cluster.controller().address())
                .set("api_database", "connection", Values.dbUrl("nova", novaDb, ctrl, "nova_api"))
                .set("database", "connection", Values.dbUrl("nova", novaDb, ctrl, "nova"))
                .set("vnc", "enabled", "true")
                .set("vnc", "vncserver_listen", "$my_ip")
                .set("vnc", "vncserver_proxyclient_address", "$my_ip")
                .set("scheduler", "discover_hosts_in_cells_interval", String.valueOf(cluster.discoverHostsIntervalSeconds()));
        return ini.text();
    }

    /** @param virtType decided with the host's facts (KVM or QEMU) */
    public static String compute(String text, Cluster cluster, NodeInfo node, VirtType virtType) {
        return common(IniFile.parse(text), cluster, node.address())
                .set("libvirt", "virt_type", Objects.requireNonNull(virtType, "the virt type is decided with the facts")
                        .name().toLowerCase(Locale.ROOT))
                .set("vnc", "enabled", "True")
                .set("vnc", "vncserver_listen", "0.0.0.0")
                .set("vnc", "vncserver_proxyclient_address", "$my_ip")
                .set("vnc", "novncproxy_base_url", "http://" + cluster.controllerName() + ":6080/vnc_auto.html")
                .text();
    }

    private static IniFile common(IniFile ini, Cluster cluster, String myIp) {
        String ctrl = cluster.controllerName();
        return Identity.authtoken(ini, cluster, "nova", Passwords.NOVA)
                .set("DEFAULT", "enabled_apis", "osapi_compute,metadata")
                .set("DEFAULT", "my_ip", myIp)
                .set("DEFAULT", "transport_url", Values.oslo(CellMappings.transportUrl(cluster)))
                .set("DEFAULT", "use_neutron", "True")
                .set("DEFAULT", "firewall_driver", "nova.virt.firewall.NoopFirewallDriver")
                .set("api", "auth_strategy", "keystone")
                .set("glance", "api_servers", "http://" + ctrl + ":9292")
                .set("oslo_concurrency", "lock_path", "/var/lib/nova/tmp")
                .set("placement", "os_region_name", cluster.region())
                .set("placement", "project_domain_name", "Default")
                .set("placement", "project_name", "service")
                .set("placement", "auth_type", "password")
                .set("placement", "user_domain_name", "Default")
                .set("placement", "auth_url", "http://" + ctrl + ":35357/v3")
                .set("placement", "username", "placement")
                .set("placement", "password", Values.oslo(cluster.passwords().get(Passwords.PLACEMENT)));
    }
}
