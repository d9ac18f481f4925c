package io.pikeoperator.bench;

import io.pikeoperator.hostsim.SimHost;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The guide as an Ansible playbook (bench/ansible/pike.yml, in the jar) against a {@link TwinCluster}'s hosts:
 * Debian's ansible-core with OpenSSH, pipelining and ControlPersist on, forks = host count, strict host keys from
 * the twin's known_hosts. It connects to the twin's 127.0.0.1 ports only. Each run is timed like an apply.
 */
final class AnsiblePlaybook implements AutoCloseable {

    static final List<String> FILES = List.of("pike.yml", "nova.conf.j2", "write-file.yml", "service.yml",
            "keystone-service.yml", "admin-env.yml");

    private final TwinCluster cluster;
    private final Path dir;
    private final Path controlDir;

    AnsiblePlaybook(TwinCluster cluster) throws IOException {
        this.cluster = cluster;
        this.dir = cluster.dir.resolve("ansible");
        // ssh's control sockets need a short path (108 bytes)
        this.controlDir = Files.createTempDirectory(Path.of("/tmp"), "bench-cp-");
        Files.createDirectories(dir.resolve("home"));
        for (String f : FILES) {
            try (InputStream in = AnsiblePlaybook.class.getResourceAsStream("/ansible/" + f)) {
                if (in == null) {
                    throw new IOException("ansible/" + f + " is not in the jar");
                }
                Files.write(dir.resolve(f), in.readAllBytes());
            }
        }
        List<SimHost> hosts = cluster.twin.hosts();
        Files.writeString(dir.resolve("ansible.cfg"), """
                [defaults]
                inventory = inventory.ini
                forks = %d
                gathering = explicit
                host_key_checking = True
                interpreter_python = /usr/bin/python3
                retry_files_enabled = False
                [ssh_connection]
                pipelining = True
                retries = 3
                ssh_args = -o ControlMaster=auto -o ControlPersist=60s -o StrictHostKeyChecking=yes -o UserKnownHostsFile=%s -o IdentitiesOnly=yes
                control_path = %s/%%%%C
                """.formatted(hosts.size(), cluster.twin.knownHosts(), controlDir));
        StringBuilder inventory = new StringBuilder();
        for (SimHost h : hosts) {
            boolean controller = h.name().equals(TwinCluster.CONTROLLER);
            if (controller || inventory.indexOf("[compute]") < 0) {
                inventory.append(controller ? "[controller]\n" : "[compute]\n");
            }
            inventory.append("%s ansible_host=127.0.0.1 ansible_port=%d my_ip=%s%n".formatted(h.name(), h.port(),
                    h.options().address()));
        }
        inventory.append("""
                [all:vars]
                ansible_user=root
                ansible_ssh_private_key_file=%s
                """.formatted(cluster.key));
        Files.writeString(dir.resolve("inventory.ini"), inventory.toString());
        // throwaway passwords of a bench-only twin; the playbook passes them by stdin or environment, never argv
        Files.writeString(dir.resolve("vars.yml"), """
                mysql_root_password: Bench-r00t-1
                rabbit_password: Bench-mq-2
                keystone_db_password: Bench-ks-3
                admin_password: Bench-adm-4
                demo_password: Bench-dem-5
                glance_db_password: Bench-gl-6
                glance_password: Bench-glu-7
                nova_db_password: Bench-nv-8
                nova_password: Bench-nvu-9
                placement_password: Bench-pl-10
                """);
    }

    /** Whether ansible-playbook is on the PATH. */
    static boolean available() {
        try {
            Process p = new ProcessBuilder("ansible-playbook", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** One ansible-playbook run, its output kept in ansible/run-K.log. */
    ConvergeRun run(int k) throws IOException, InterruptedException {
        cluster.mark();
        Path log = dir.resolve("run-" + k + ".log");
        ProcessBuilder pb = new ProcessBuilder("ansible-playbook", "-e", "@vars.yml", "pike.yml")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("ANSIBLE_CONFIG", dir.resolve("ansible.cfg").toString());
        pb.environment().put("ANSIBLE_HOME", dir.resolve("home").toString());
        pb.environment().put("ANSIBLE_LOCAL_TEMP", dir.resolve("home/tmp").toString());
        pb.environment().put("ANSIBLE_NOCOLOR", "1");
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        List<HostTiming> computes = cluster.computes().stream().map(cluster::timing).toList();
        return ConvergeRun.of(computes.size(), cluster.latencyMs, p.exitValue(), wall,
                cluster.timing(cluster.twin.host(TwinCluster.CONTROLLER)), computes);
    }

    String log(int k) {
        try {
            return Files.readString(dir.resolve("run-" + k + ".log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the ControlPersist masters this bench started (they would linger for 60 s). */
    @Override
    public void close() {
        for (SimHost h : cluster.twin.hosts()) {
            try {
                Process p = new ProcessBuilder("ssh", "-O", "exit", "-o", "ControlPath=" + controlDir + "/%C",
                        "-p", String.valueOf(h.port()), "-l", "root", "127.0.0.1").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (IOException e) {
                // no master for this host: nothing to end
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
