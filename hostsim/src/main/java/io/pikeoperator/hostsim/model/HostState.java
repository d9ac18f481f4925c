package io.pikeoperator.hostsim.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything the twin knows about one host besides its files (which live on disk under the host's root). Plain
 * data, persisted as JSON beside the root so that a restarted twin keeps its hosts.
 */
public class HostState {

    public String name;
    /** The host's management address (what its peers' /etc/hosts should map its name to). */
    public String address;
    /** CPU virtualisation flag in /proc/cpuinfo: vmx, svm or none. */
    public String cpu = "none";
    /** centos-7, debian-12, ... */
    public String os = "centos-7";
    public long memoryMiB = 8192;
    /** The kernel running now; differs from the newest installed one until a reboot. */
    public String kernel;
    public int boots = 1;
    /** Installed packages: name to version-release. */
    public Map<String, String> packages = new TreeMap<>();
    public Map<String, Unit> units = new TreeMap<>();
    public Firewall firewall = new Firewall();
    /** MariaDB's data directory; null until mariadb first started. */
    public MariaDbState mariadb;
    /** RabbitMQ's users; null until rabbitmq-server first started. */
    public RabbitState rabbit;

    /** One systemd unit. */
    public static class Unit {
        public boolean enabled;
        /** active, inactive or failed. */
        public String state = "inactive";
        /** Why the last start failed (shown by systemctl status). */
        public String failure;
        public String since;
        /** The configuration the running process loaded when it started: file path to content. */
        public Map<String, String> loaded = new TreeMap<>();
    }

    /** firewalld: the public zone's open ports and services, runtime and permanent. */
    public static class Firewall {
        public TreeSet<String> runtime = new TreeSet<>(List.of("service:dhcpv6-client", "service:ssh"));
        public TreeSet<String> permanent = new TreeSet<>(List.of("service:dhcpv6-client", "service:ssh"));
    }

    /** A MariaDB server's data: the grant tables (as stored and as loaded) and its databases. */
    public static class MariaDbState {
        /** mysql.user as stored on disk. */
        public List<DbUser> userTable = new ArrayList<>();
        /** The in-memory ACL: what FLUSH PRIVILEGES or a restart loads from userTable. */
        public List<DbUser> acl = new ArrayList<>();
        public Map<String, Database> databases = new TreeMap<>();
    }

    /** One row of mysql.user plus its database grants (mysql.db). */
    public static class DbUser {
        public String user;
        public String host;
        /** MySQL 4.1 hash ('*' + hex(sha1(sha1(password)))), empty for no password. */
        public String passwordHash = "";
        /** Database names (or patterns such as test\_%) this user has ALL PRIVILEGES on; "*" for global. */
        public TreeSet<String> grants = new TreeSet<>();

        public DbUser() {
        }

        public DbUser(String user, String host) {
            this.user = user;
            this.host = host;
        }

        public DbUser copy() {
            DbUser c = new DbUser(user, host);
            c.passwordHash = passwordHash;
            c.grants = new TreeSet<>(grants);
            return c;
        }
    }

    /** A database; the OpenStack data kept in it once its service's db_sync has created the schema. */
    public static class Database {
        /** The schema revision written by db_sync, null while the database is empty. */
        public String schema;
        public KeystoneData keystone;
        public GlanceData glance;
        public NovaApiData novaApi;
        public NovaCellData novaCell;
    }

    /** RabbitMQ users and their permissions on vhost "/". */
    public static class RabbitState {
        public Map<String, RabbitUser> users = new TreeMap<>();
    }

    public static class RabbitUser {
        public String passwordHash;
        public String salt;
        public List<String> tags = new ArrayList<>();
        /** configure, write, read regexps on vhost "/", or null when none are set. */
        public List<String> permissions;
    }
}
