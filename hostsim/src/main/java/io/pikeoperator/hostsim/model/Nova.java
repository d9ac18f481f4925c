package io.pikeoperator.hostsim.model;

import io.pikeoperator.hostsim.model.NovaApiData.CellMapping;
import io.pikeoperator.hostsim.model.NovaCellData.ComputeNode;
import io.pikeoperator.hostsim.model.NovaCellData.Service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Nova's moving parts: services report (heartbeat) when they can reach their message queue and database, a
 * compute reports through a conductor on the same broker and registers its resource provider in placement;
 * a service is "up" when its last report is recent.
 */
public final class Nova {

    public static final String NOVA_CONF = "/etc/nova/nova.conf";
    /** [DEFAULT] service_down_time. */
    public static final Duration SERVICE_DOWN_TIME = Duration.ofSeconds(60);
    private static final List<String> DB_SERVICES = List.of("nova-conductor", "nova-scheduler", "nova-consoleauth");

    private Nova() {
    }

    public static OsloConfig config(Host host, String unit) {
        return OsloConfig.parse(host.loaded(unit).getOrDefault(NOVA_CONF, ""));
    }

    /** [DEFAULT] host, else the system host name. */
    public static String serviceHost(Host host, OsloConfig cfg) {
        return cfg.get("DEFAULT", "host", host.name());
    }

    /** Every running nova service reports once, if it can. */
    public static void heartbeat(World world) {
        Instant now = world.clock().instant();
        for (Host h : world.hosts()) {
            if (h.isDown()) {
                continue;
            }
            for (String binary : DB_SERVICES) {
                String unit = "openstack-" + binary;
                if (!h.active(unit)) {
                    continue;
                }
                try {
                    OsloConfig cfg = config(h, unit);
                    if (!Rabbit.login(world, h, cfg.get("DEFAULT", "transport_url").orElse(null)).ok()) {
                        continue;
                    }
                    Result<HostState.Database> db = Apps.database(world, h, cfg, "database");
                    if (db.ok() && db.value().novaCell != null) {
                        report(db.value().novaCell, binary, serviceHost(h, cfg), "internal", now);
                    }
                } catch (OsloConfig.SubstitutionError e) {
                    // the service cannot load its options: it does not report
                }
            }
            if (h.active("openstack-nova-compute")) {
                try {
                    computeReport(world, h, now);
                } catch (OsloConfig.SubstitutionError e) {
                    // idem
                }
            }
        }
    }

    private static void computeReport(World world, Host h, Instant now) {
        if (!h.active("libvirtd")) {
            return;
        }
        OsloConfig cfg = config(h, "openstack-nova-compute");
        Rabbit.Login login = Rabbit.login(world, h, cfg.get("DEFAULT", "transport_url").orElse(null));
        if (!login.ok()) {
            return;
        }
        Optional<NovaCellData> cell = conductorCell(world, login.broker());
        if (cell.isEmpty()) {
            return;
        }
        String host = serviceHost(h, cfg);
        Service svc = report(cell.get(), "nova-compute", host, "nova", now);
        ComputeNode node = cell.get().computeNodes.stream().filter(n -> !n.deleted && n.host.equals(host))
                .findFirst().orElse(null);
        if (node == null) {
            node = new ComputeNode();
            node.uuid = UUID.randomUUID().toString();
            node.host = host;
            node.hypervisorHostname = host;
            node.serviceId = svc.id;
            cell.get().computeNodes.add(node);
        }
        registerProvider(world, h, cfg, node);
    }

    /** The cell database of a running conductor that consumes from {@code broker}. */
    private static Optional<NovaCellData> conductorCell(World world, Host broker) {
        for (Host c : world.hosts()) {
            if (c.isDown() || !c.active("openstack-nova-conductor")) {
                continue;
            }
            OsloConfig cfg = config(c, "openstack-nova-conductor");
            Rabbit.Login l = Rabbit.login(world, c, cfg.get("DEFAULT", "transport_url").orElse(null));
            if (l.ok() && l.broker() == broker) {
                Result<HostState.Database> db = Apps.database(world, c, cfg, "database");
                if (db.ok() && db.value().novaCell != null) {
                    return Optional.of(db.value().novaCell);
                }
            }
        }
        return Optional.empty();
    }

    private static void registerProvider(World world, Host compute, OsloConfig cfg, ComputeNode node) {
        placement(world, compute, cfg).ifPresent(p -> p.resourceProviders.computeIfAbsent(node.uuid, id -> {
            NovaApiData.ResourceProvider rp = new NovaApiData.ResourceProvider();
            rp.uuid = id;
            rp.name = node.hypervisorHostname;
            rp.generation = 1;
            return rp;
        }));
    }

    /** The placement data as a service's report client reaches it with its [placement] credentials; empty on any failure. */
    private static Optional<NovaApiData> placement(World world, Host from, OsloConfig cfg) {
        Apps.Credentials creds = Apps.Credentials.fromSection(cfg, "placement");
        Result<Apps.Login> login = Apps.login(world, from, creds);
        if (!login.ok()) {
            return Optional.empty();
        }
        Optional<String> url = Keystone.endpointUrl(login.value().data(), "placement", "public", creds.region());
        if (url.isEmpty()) {
            return Optional.empty();
        }
        Result<NovaApiData> placement = Placement.data(world, from, url.get());
        return placement.ok() ? Optional.of(placement.value()) : Optional.empty();
    }

    /**
     * What nova-api 16.1.5+ does when a nova-compute service is deleted (nova 16.1.8
     * nova/api/openstack/compute/services.py ServiceController.delete, commit 9fe847bdca): the report client deletes
     * the compute node's resource provider in placement (cascade; a failure to reach placement is only logged by
     * {@code safe_connect}), then the host's HostMapping is destroyed (none is fine). The caller then soft-deletes
     * the service and its compute nodes.
     */
    public static void forgetCompute(World world, Host api, OsloConfig apiConfig, NovaApiData apiData, String host,
                                     ComputeNode node) {
        if (node != null) {
            try {
                placement(world, api, apiConfig).ifPresent(p -> p.resourceProviders.remove(node.uuid));
            } catch (OsloConfig.SubstitutionError e) {
                // nova-api cannot load [placement]: the report client logs and goes on
            }
        }
        apiData.hostMappings.remove(host);
    }

    static Service report(NovaCellData cell, String binary, String host, String zone, Instant now) {
        Service s = cell.services.stream().filter(x -> !x.deleted && x.binary.equals(binary) && x.host.equals(host))
                .findFirst().orElse(null);
        if (s == null) {
            s = new Service();
            s.id = cell.nextServiceId++;
            s.binary = binary;
            s.host = host;
            s.zone = zone;
            cell.services.add(s);
        }
        s.updatedAt = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        return s;
    }

    public static boolean up(Service s, Instant now) {
        return s.updatedAt != null && Instant.parse(s.updatedAt).plus(SERVICE_DOWN_TIME).isAfter(now);
    }

    /** A cell and its database, as reached from {@code from}. */
    public record Cell(CellMapping mapping, NovaCellData data, String error) {
    }

    public static List<Cell> cells(World world, Host from, NovaApiData api) {
        List<Cell> out = new ArrayList<>();
        for (CellMapping m : api.cells) {
            MariaDb.Connect c = MariaDb.connectUrl(world, from, m.databaseConnection);
            if (!c.ok()) {
                out.add(new Cell(m, null, c.error().pymysql()));
                continue;
            }
            String dbName = MariaDb.DbUrl.parse(m.databaseConnection).orElseThrow().database();
            HostState.Database db = c.session().db().databases.get(dbName);
            out.add(new Cell(m, db == null ? null : db.novaCell,
                    db == null || db.novaCell == null ? "cell database " + dbName + " is not synced" : null));
        }
        return out;
    }
}
