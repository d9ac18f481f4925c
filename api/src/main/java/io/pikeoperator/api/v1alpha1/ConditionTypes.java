package io.pikeoperator.api.v1alpha1;

import java.util.List;

/** The condition types of SPEC §3: {@link #READY} summarises, the others mirror one service each. */
public final class ConditionTypes {

    public static final String READY = "Ready";
    public static final String HOST_REACHABLE = "HostReachable";
    public static final String PREFLIGHT = "Preflight";
    public static final String TIME_SYNC = "TimeSync";
    public static final String HOSTS_FILE = "HostsFile";
    public static final String OPENSTACK_REPO = "OpenStackRepo";
    public static final String DATABASE = "Database";
    public static final String MESSAGE_QUEUE = "MessageQueue";
    public static final String MEMCACHED = "Memcached";
    public static final String ETCD = "Etcd";
    public static final String KEYSTONE = "Keystone";
    public static final String GLANCE = "Glance";
    public static final String PLACEMENT = "Placement";
    public static final String NOVA_CONTROL_PLANE = "NovaControlPlane";
    public static final String NOVA_COMPUTE = "NovaCompute";
    public static final String CELL_DISCOVERY = "CellDiscovery";
    public static final String VERIFIED = "Verified";
    /**
     * A cluster's passwords Secret: True while it holds every key; False {@code PasswordsLost} when keys the hosts
     * already use are missing. Its reason {@code Applied} marks a cluster whose hosts were given the passwords.
     * Not a service condition: it is not in {@link #CLUSTER}.
     */
    public static final String PASSWORDS = "Passwords";
    /**
     * A cluster's password rotation: True while keys of the passwords Secret differ from the set last applied to
     * every host (the message names the keys, never a value), False once every node converged with the new values.
     * Not a service condition: it is not in {@link #CLUSTER}.
     */
    public static final String PASSWORDS_ROTATING = "PasswordsRotating";

    /**
     * A cluster's Secrets (SSH key, known_hosts, passwords) carry the label that has the operator watch them: False
     * {@code SecretNotLabeled} names those that lack it (they are still read, but their changes wake nothing).
     * Not a service condition: it is not in {@link #CLUSTER}.
     */
    public static final String SECRETS_WATCHED = "SecretsWatched";

    /** Conditions every host carries, in plan order. */
    public static final List<String> HOST = List.of(HOST_REACHABLE, PREFLIGHT, TIME_SYNC, HOSTS_FILE, OPENSTACK_REPO);

    /** A ControllerNode's service conditions, in plan order. */
    public static final List<String> CONTROLLER = concat(HOST,
            List.of(DATABASE, MESSAGE_QUEUE, MEMCACHED, ETCD, KEYSTONE, GLANCE, PLACEMENT, NOVA_CONTROL_PLANE));

    /** A ComputeNode's service conditions, in plan order. */
    public static final List<String> COMPUTE = concat(HOST, List.of(NOVA_COMPUTE, CELL_DISCOVERY));

    /** A PikeCluster's service conditions: every service of every node, then the install guide's verification. */
    public static final List<String> CLUSTER = concat(CONTROLLER, List.of(NOVA_COMPUTE, CELL_DISCOVERY, VERIFIED));

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private ConditionTypes() {
    }
}
