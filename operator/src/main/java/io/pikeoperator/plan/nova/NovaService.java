package io.pikeoperator.plan.nova;

import io.pikeoperator.engine.Script;
import io.pikeoperator.engine.Shell;
import io.pikeoperator.plan.keystone.Identity;

import java.util.List;
import java.util.Optional;

/**
 * A compute's nova-compute service as the controller's Nova lists it: the host it registered as and its service ID.
 * Recorded in the ComputeNode's status once the host is discovered, so that removing the node later deletes this
 * service and nothing that merely shares its host name.
 */
public record NovaService(String host, String id) {

    /** On the controller: the nova-compute services of {@code host}, "ID Host" per line. */
    public static Script query(String host) {
        return Script.of(Identity.AS_ADMIN + "openstack compute service list --service nova-compute --host "
                + Shell.quote(host) + " -f value -c ID -c Host");
    }

    /** The one service of {@code host} in a {@link #query} answer; empty when there is none or more than one. */
    public static Optional<NovaService> parse(String output, String host) {
        List<NovaService> found = output.lines().map(String::strip).map(l -> l.split("\\s+"))
                .filter(f -> f.length == 2 && f[1].equals(host)).map(f -> new NovaService(f[1], f[0])).toList();
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }
}
