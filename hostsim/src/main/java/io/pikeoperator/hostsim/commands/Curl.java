package io.pikeoperator.hostsim.commands;

import io.pikeoperator.hostsim.model.Http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** curl and wget against the modelled HTTP services (and the modelled internet). */
final class Curl implements Command {

    @Override
    public CommandResult run(Call call) {
        return call.name().equals("wget") ? wget(call) : curl(call);
    }

    /** {@code curl -K -} reads its options (e.g. a header holding a token) from stdin, off the command line. */
    @Override
    public boolean readsStdin(CommandContext c) {
        List<String> a = c.args();
        int k = Math.max(a.indexOf("-K"), a.indexOf("--config"));
        return c.name().equals("curl") && k >= 0 && k + 1 < a.size() && a.get(k + 1).equals("-");
    }

    private CommandResult curl(Call call) {
        String method = null;
        String url = null;
        String output = null;
        String writeOut = null;
        String data = null;
        boolean fail = false;
        boolean silent = false;
        boolean showError = false;
        boolean head = false;
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> args = call.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "-X", "--request" -> method = args.get(++i);
                case "-o", "--output" -> output = args.get(++i);
                case "-w", "--write-out" -> writeOut = args.get(++i);
                case "-d", "--data", "--data-binary", "--data-ascii" -> data = args.get(++i);
                case "-H", "--header" -> {
                    String h = args.get(++i);
                    int colon = h.indexOf(':');
                    if (colon > 0) {
                        headers.put(h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
                    }
                }
                case "-K", "--config" -> {
                    String file = args.get(++i);
                    String text = file.equals("-") ? call.context().stdinText() : call.files().read(file).orElse("");
                    List<String> expanded = new ArrayList<>(args.subList(0, i + 1));
                    expanded.addAll(CurlConfig.arguments(text));
                    expanded.addAll(args.subList(i + 1, args.size()));
                    args = expanded;
                }
                case "--url" -> url = args.get(++i);
                case "--connect-timeout", "-m", "--max-time", "--retry", "-u", "--user" -> i++;
                case "-f", "--fail" -> fail = true;
                case "-s", "--silent" -> silent = true;
                case "-S", "--show-error" -> showError = true;
                case "-I", "--head" -> head = true;
                default -> {
                    if (a.startsWith("-") && !a.startsWith("--") && a.length() > 2) {
                        fail |= a.contains("f");
                        silent |= a.contains("s");
                        showError |= a.contains("S");
                    } else if (!a.startsWith("-")) {
                        url = a;
                    }
                }
            }
        }
        if (url == null) {
            return call.fail(2, "curl: no URL specified!");
        }
        if (method == null) {
            method = head ? "HEAD" : data != null ? "POST" : "GET";
        }
        byte[] body = data == null ? new byte[0] : data.getBytes(StandardCharsets.UTF_8);
        Http.Exchange x = Http.request(call.world(), call.host(), method, url, headers, body);
        if (!x.ok()) {
            if (!silent || showError) {
                call.errln("curl: (" + x.curlExit() + ") " + x.curlError());
            }
            if (writeOut != null) {
                call.out(writeOut.replace("%{http_code}", "000").replace("\\n", "\n"));
            }
            return call.exit(x.curlExit());
        }
        Http.Response r = x.response();
        if (fail && r.status() >= 400) {
            if (!silent || showError) {
                call.errln("curl: (22) The requested URL returned error: " + r.status() + " " + r.reason());
            }
            if (writeOut != null) {
                call.out(writeOut.replace("%{http_code}", String.valueOf(r.status())).replace("\\n", "\n"));
            }
            return call.exit(22);
        }
        if (head) {
            call.out("HTTP/1.1 " + r.status() + " " + r.reason() + "\r\n");
            r.headers().forEach((k, v) -> call.out(k + ": " + v + "\r\n"));
            call.out("\r\n");
        } else if (output != null) {
            call.files().write(call.path(output), r.body(), 0644, call.user(), call.user(), call.host());
        } else {
            call.out(new String(r.body(), StandardCharsets.UTF_8));
        }
        if (writeOut != null) {
            call.out(writeOut.replace("%{http_code}", String.valueOf(r.status())).replace("\\n", "\n"));
        }
        return call.exit(0);
    }

    private CommandResult wget(Call call) {
        String url = null;
        String output = null;
        boolean quiet = false;
        List<String> args = call.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-O") || a.equals("--output-document")) {
                output = args.get(++i);
            } else if (a.startsWith("-O") && a.length() > 2) {
                output = a.substring(2);
            } else if (a.equals("-q") || a.equals("--quiet")) {
                quiet = true;
            } else if (a.equals("-t") || a.equals("-T")) {
                i++;
            } else if (!a.startsWith("-")) {
                url = a;
            }
        }
        if (url == null) {
            return call.fail(1, "wget: missing URL");
        }
        String file = output != null ? output : url.substring(url.lastIndexOf('/') + 1);
        Http.Exchange x = Http.request(call.world(), call.host(), "GET", url, Map.of(), new byte[0]);
        if (!quiet) {
            call.errln("--" + java.time.LocalDateTime.now(call.world().clock()).withNano(0).toString().replace('T', ' ')
                    + "--  " + url);
        }
        if (!x.ok()) {
            if (!quiet) {
                call.errln(x.curlExit() == 6 ? "wget: unable to resolve host address" : "failed: " + x.curlError() + ".");
            }
            return call.exit(4);
        }
        if (x.response().status() >= 400) {
            if (!quiet) {
                call.errln("ERROR " + x.response().status() + ": " + x.response().reason() + ".");
            }
            return call.exit(8);
        }
        call.files().write(call.path(file), x.response().body(), 0644, call.user(), call.user(), call.host());
        if (!quiet) {
            call.errln("Length: " + x.response().body().length + "\nSaving to: '" + file + "'\n\n'" + file + "' saved");
        }
        return call.exit(0);
    }
}
