package io.pikeoperator.hostsim;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The argv of every modelled command a host ran (mysql, openstack, curl, rabbitmqctl, keystone-manage, ...): one JSON
 * line in argv.jsonl. The SSH command log shows what arrived; this shows what the scripts expanded it to, so a test
 * can prove that no secret reached a process's argv.
 */
public final class ArgvLog {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    public ArgvLog(Path file) {
        this.file = file;
    }

    public synchronized void add(List<String> argv, int exit) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.now().toString());
        line.put("argv", argv);
        line.put("exit", exit);
        try {
            Files.writeString(file, JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path file() {
        return file;
    }
}
