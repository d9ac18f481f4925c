package io.pikeoperator.hostsim.model;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HttpdConfigTest {

    private static final String PLACEMENT = PackageCatalog.resource("files/00-nova-placement-api.conf");

    private static Map<String, String> snapshot(String placement, boolean wsgi) {
        return Map.of("/etc/httpd/conf/httpd.conf", PackageCatalog.resource("files/httpd.conf"),
                "/etc/httpd/conf.modules.d/00-base.conf", PackageCatalog.resource("files/00-base.conf"),
                "/etc/httpd/conf.modules.d/00-mpm.conf", PackageCatalog.resource("files/00-mpm.conf"),
                "/etc/httpd/conf.modules.d/10-wsgi.conf", wsgi ? PackageCatalog.resource("files/10-wsgi.conf") : "",
                "/etc/httpd/conf.d/00-nova-placement-api.conf", placement,
                "/etc/httpd/conf.d/wsgi-keystone.conf", PackageCatalog.resource("files/wsgi-keystone.conf"));
    }

    @Test
    void thePikePlacementPackageDeniesItsScriptUntilTheDirectoryFix() {
        HttpdConfig broken = HttpdConfig.parse(snapshot(PLACEMENT, true));
        assertThat(broken.listen).contains(80, 5000, 35357, 8778);
        assertThat(broken.scriptAllowed(broken.vhost(8778).orElseThrow())).isFalse();
        assertThat(broken.scriptAllowed(broken.vhost(5000).orElseThrow())).isTrue();

        String fixed = PLACEMENT.replace("</VirtualHost>", "  <Directory /usr/bin>\n   <IfVersion >= 2.4>\n"
                + "      Require all granted\n   </IfVersion>\n  </Directory>\n</VirtualHost>");
        HttpdConfig ok = HttpdConfig.parse(snapshot(fixed, true));
        assertThat(ok.scriptAllowed(ok.vhost(8778).orElseThrow())).isTrue();
    }

    @Test
    void aGrantOnlyForOldApacheVersionsDoesNotCount() {
        String oldOnly = PLACEMENT.replace("</VirtualHost>", "  <Directory /usr/bin>\n   <IfVersion < 2.4>\n"
                + "      Require all granted\n   </IfVersion>\n  </Directory>\n</VirtualHost>");
        HttpdConfig cfg = HttpdConfig.parse(snapshot(oldOnly, true));
        assertThat(cfg.scriptAllowed(cfg.vhost(8778).orElseThrow())).isFalse();
    }

    @Test
    void wsgiDirectivesWithoutModWsgiAreAConfigurationError() {
        HttpdConfig cfg = HttpdConfig.parse(snapshot(PLACEMENT, false));
        assertThat(cfg.errors).singleElement().asString() // httpd stops at the first error
                .contains("line 4 of /etc/httpd/conf.d/00-nova-placement-api.conf").contains("Invalid command 'WSGIProcessGroup'");
    }

    @Test
    void withoutAnMpmHttpdRefusesToStart() {
        Map<String, String> snap = new java.util.HashMap<>(snapshot(PLACEMENT, true));
        snap.remove("/etc/httpd/conf.modules.d/00-mpm.conf");
        assertThat(HttpdConfig.parse(snap).errors).containsExactly("AH00534: httpd: Configuration error: No MPM loaded.");
        assertThat(HttpdConfig.parse(snapshot(PLACEMENT, true)).errors).isEmpty();
    }
}
