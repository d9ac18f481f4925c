package io.pikeoperator.hostsim.model;

import java.util.Map;

/** firewalld's public zone: which ports a host accepts from other hosts while firewalld runs. */
public final class Firewall {

    /** The firewalld services the guide's hosts might use, with their ports. */
    public static final Map<String, Integer> SERVICES = Map.of(
            "ssh", 22, "http", 80, "https", 443, "mysql", 3306, "ntp", 123,
            "dhcpv6-client", 546); // firewalld 0.4.4.4's config/services: no amqp (0.6.0) and no memcache (0.7.0)

    private Firewall() {
    }

    public static boolean allows(Host host, int port) {
        for (String rule : host.state().firewall.runtime) {
            if (rule.startsWith("service:") && SERVICES.getOrDefault(rule.substring(8), -1) == port) {
                return true;
            }
            if (rule.startsWith("port:")) {
                String spec = rule.substring(5).replace("/tcp", "").replace("/udp", "");
                if (spec.contains("-")) {
                    String[] r = spec.split("-");
                    if (port >= Integer.parseInt(r[0]) && port <= Integer.parseInt(r[1])) {
                        return true;
                    }
                } else if (spec.equals(String.valueOf(port))) {
                    return true;
                }
            }
        }
        return false;
    }
}
