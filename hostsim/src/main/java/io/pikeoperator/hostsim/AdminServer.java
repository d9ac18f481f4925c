package io.pikeoperator.hostsim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The twin's loopback admin interface (see hostsim/README.md): inject faults, edit files, stop services, reboot,
 * rotate host keys, and read model state and command logs. Plain HTTP on 127.0.0.1 only.
 */
public final class AdminServer implements Closeable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Twin twin;
    private final HttpServer server;

    public AdminServer(Twin twin, int port) {
        this.twin = twin;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "twin-admin");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String[] path = x.getRequestURI().getPath().replaceAll("^/+|/+$", "").split("/");
            Map<String, String> q = query(x.getRequestURI().getRawQuery());
            String method = x.getRequestMethod();
            if (path.length == 1 && path[0].equals("hosts") && method.equals("GET")) {
                List<Map<String, Object>> hosts = twin.hosts().stream().map(h -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", h.name());
                    m.put("port", h.port());
                    m.put("address", h.options().address());
                    m.put("down", h.isDown());
                    return m;
                }).toList();
                send(x, 200, JSON.writeValueAsString(hosts));
                return;
            }
            if (path.length < 3 || !path[0].equals("hosts")) {
                send(x, 404, "{\"error\":\"see hostsim/README.md for the admin interface\"}");
                return;
            }
            SimHost h = twin.host(path[1]);
            String action = String.join("/", java.util.Arrays.copyOfRange(path, 2, path.length));
            switch (method + " " + action) {
                case "GET state" -> send(x, 200, JSON.writeValueAsString(h.model().state()));
                case "GET commands" -> send(x, 200, Files.readString(h.commandLog().file()));
                case "GET files" -> send(x, 200, h.file(q.get("path")).orElse(""));
                case "PUT files" -> {
                    h.editFile(q.get("path"), new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                    send(x, 204, "");
                }
                case "POST faults/latency" -> {
                    h.faults().setLatency(Duration.ofMillis(Long.parseLong(q.getOrDefault("ms", "0"))));
                    send(x, 204, "");
                }
                case "POST faults/fail", "POST faults/hang", "POST faults/drop" -> {
                    Faults.Kind kind = Faults.Kind.valueOf(action.substring(7).toUpperCase());
                    h.faults().arm(kind, q.getOrDefault("pattern", ".*"), Integer.parseInt(q.getOrDefault("count", "1")),
                            Integer.parseInt(q.getOrDefault("exit", "1")), q.getOrDefault("stderr", ""));
                    send(x, 204, "");
                }
                case "DELETE faults" -> {
                    h.faults().clear();
                    send(x, 204, "");
                }
                case "POST reboot" -> {
                    h.reboot(Duration.ofMillis(Long.parseLong(q.getOrDefault("downtimeMs", "2000"))));
                    send(x, 204, "");
                }
                case "POST hostkey/rotate" -> {
                    h.rotateHostKey();
                    send(x, 200, h.hostKey());
                }
                default -> {
                    if (method.equals("POST") && path.length == 5 && path[2].equals("services") && path[4].equals("stop")) {
                        h.stopService(path[3]);
                        send(x, 204, "");
                    } else {
                        send(x, 404, "{\"error\":\"unknown admin action " + method + " " + action + "\"}");
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            send(x, 400, "{\"error\":" + JSON.writeValueAsString(String.valueOf(e.getMessage())) + "}");
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw == null) {
            return q;
        }
        for (String kv : raw.split("&")) {
            int eq = kv.indexOf('=');
            q.put(URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    private static void send(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
        if (status != 204) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
