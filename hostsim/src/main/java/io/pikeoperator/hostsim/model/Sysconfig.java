package io.pikeoperator.hostsim.model;

import java.util.LinkedHashMap;
import java.util.Map;

/** A shell-variable file as systemd's EnvironmentFile reads it (/etc/sysconfig/memcached, /etc/etcd/etcd.conf). */
public final class Sysconfig {

    private Sysconfig() {
    }

    public static Map<String, String> parse(String text) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#") || s.startsWith(";")) {
                continue;
            }
            int eq = s.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String value = s.substring(eq + 1).strip();
            if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                    && value.charAt(value.length() - 1) == value.charAt(0)) {
                value = value.substring(1, value.length() - 1);
            }
            vars.put(s.substring(0, eq).strip(), value);
        }
        return vars;
    }
}
