package io.pikeoperator.hostsim;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every SSH exec or shell session of a host: one JSON line in commands.jsonl, and the same in memory for tests. */
public final class CommandLog {

    /** One exec: when it started, the command as received, its exit status (-1 when none was sent), duration. */
    public record Entry(Instant time, String command, int exit, long durationMs) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final List<Entry> entries = new ArrayList<>();

    public CommandLog(Path file) {
        this.file = file;
    }

    public synchronized void add(Entry e) {
        entries.add(e);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", e.time().toString());
        line.put("command", e.command());
        line.put("exit", e.exit());
        line.put("durationMs", e.durationMs());
        try {
            Files.writeString(file, JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public synchronized List<Entry> entries() {
        return new ArrayList<>(entries);
    }

    public synchronized int size() {
        return entries.size();
    }

    public Path file() {
        return file;
    }
}
