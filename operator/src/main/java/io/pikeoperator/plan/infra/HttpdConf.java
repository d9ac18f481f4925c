package io.pikeoperator.plan.infra;

import java.util.ArrayList;
import java.util.List;

/** The install guide's two httpd edits: ServerName, and the placement vhost's access to /usr/bin. */
public final class HttpdConf {

    static final String PLACEMENT_FIX = """
              <Directory /usr/bin>
                 <IfVersion >= 2.4>
                   Require all granted
                 </IfVersion>
                 <IfVersion < 2.4>
                   Order allow,deny
                   Allow from all
                 </IfVersion>
              </Directory>
            """;

    private HttpdConf() {
    }

    public static String serverName(String text, String name) {
        String wanted = "ServerName " + name;
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        boolean found = false;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().startsWith("ServerName ")) {
                if (found) {
                    lines.remove(i--);
                } else {
                    found = true;
                    if (!lines.get(i).strip().equals(wanted)) {
                        lines.set(i, wanted);
                    }
                }
            }
        }
        if (!found) {
            int at = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).strip().startsWith("#ServerName")) {
                    at = i + 1;
                }
            }
            lines.add(at < 0 ? lines.size() : at, wanted);
        }
        return String.join("\n", lines);
    }

    /** Inside the first VirtualHost, once. */
    public static String placementAccess(String text) {
        if (text.contains("<Directory /usr/bin>")) {
            return text;
        }
        int end = text.indexOf("</VirtualHost>");
        return end < 0 ? text : text.substring(0, end) + PLACEMENT_FIX + text.substring(end);
    }
}
