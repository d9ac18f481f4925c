package io.pikeoperator.bench;

import io.pikeoperator.hostsim.HostOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ResyncScaleTest {

    @Test
    void computeAddressesStayDistinctAndInsideTenZeroSlashSixteenPastTwoHundredFiftyFour() {
        assertThat(TwinCluster.compute(1).address()).isEqualTo("10.0.0.101");
        assertThat(TwinCluster.compute(154).address()).isEqualTo("10.0.0.254");
        assertThat(TwinCluster.compute(155).address()).isEqualTo("10.0.1.1");
        assertThat(TwinCluster.compute(1000).name()).isEqualTo("compute1000");
        Set<String> seen = new HashSet<>();
        for (int i = 1; i <= 1000; i++) {
            String a = TwinCluster.compute(i).address();
            assertThat(a).matches("10\\.0\\.\\d+\\.\\d+");
            assertThat(Integer.parseInt(a.substring(a.lastIndexOf('.') + 1))).isBetween(1, 254);
            assertThat(seen.add(a)).as(a).isTrue();
        }
    }

    @Test
    void requestsAreCountedByMethodAndWhatTheyTouch() {
        assertThat(ResyncScale.kind("GET", "/apis/pikeoperator.io/v1alpha1/computenodes?watch=true&resourceVersion=5")).isEqualTo("GET watch");
        assertThat(ResyncScale.kind("PATCH", "/apis/pikeoperator.io/v1alpha1/namespaces/default/computenodes/c/status")).isEqualTo("PATCH status");
        assertThat(ResyncScale.kind("POST", "/api/v1/namespaces/default/events")).isEqualTo("POST events");
        assertThat(ResyncScale.kind("GET", "/api/v1/namespaces/default/secrets/pike-ssh")).isEqualTo("GET secrets");
        assertThat(ResyncScale.kind("GET", "/apis/pikeoperator.io/v1alpha1/namespaces/default/pikeclusters/pike")).isEqualTo("GET objects");
    }

    @Test
    void aClonedHostHasTheOthersNameAndAddressAndNoLogOrHostKey(@TempDir Path dir) throws Exception {
        HostOptions from = TwinCluster.compute(1);
        HostOptions to = TwinCluster.compute(10);
        Path src = dir.resolve("compute001");
        Files.createDirectories(src.resolve("root/etc/nova"));
        Files.writeString(src.resolve("root/etc/hostname"), "compute001\n");
        Files.writeString(src.resolve("root/etc/nova/nova.conf"), "[DEFAULT]\nmy_ip = 10.0.0.101\nhost = compute0010\n");
        Files.setPosixFilePermissions(src.resolve("root/etc/nova/nova.conf"), PosixFilePermissions.fromString("rw-r-----"));
        GroupPrincipal group = src.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName("daemon");
        Files.getFileAttributeView(src.resolve("root/etc/nova/nova.conf"), PosixFileAttributeView.class).setGroup(group);
        Files.writeString(src.resolve("model.json"), "{\"name\" : \"compute001\", \"address\" : \"10.0.0.101\", \"x\" : \"10.0.0.1010\"}");
        Files.write(src.resolve("root/binary"), new byte[]{(byte) 0xff, (byte) 0xfe, 'c', 'o', 'm', 'p', 'u', 't', 'e', '0', '0', '1'});
        Files.createSymbolicLink(src.resolve("root/sbin"), Path.of("usr/sbin"));
        Files.writeString(src.resolve("commands.jsonl"), "{}\n");
        Files.writeString(src.resolve("ssh_host_ed25519_key"), "secret");

        Path dst = dir.resolve("compute010");
        ResyncScale.cloneHost(src, from, dst, to);

        assertThat(Files.readString(dst.resolve("root/etc/hostname"))).isEqualTo("compute010\n");
        assertThat(Files.readString(dst.resolve("root/etc/nova/nova.conf")))
                .isEqualTo("[DEFAULT]\nmy_ip = 10.0.0.110\nhost = compute0010\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dst.resolve("root/etc/nova/nova.conf"))))
                .isEqualTo("rw-r-----");
        assertThat(Files.readAttributes(dst.resolve("root/etc/nova/nova.conf"), PosixFileAttributes.class).group())
                .as("the operator checks the group too").isEqualTo(group);
        assertThat(Files.readString(dst.resolve("model.json")))
                .isEqualTo("{\"name\" : \"compute010\", \"address\" : \"10.0.0.110\", \"x\" : \"10.0.0.1010\"}");
        assertThat(Files.readAllBytes(dst.resolve("root/binary"))).isEqualTo(Files.readAllBytes(src.resolve("root/binary")));
        assertThat(Files.readSymbolicLink(dst.resolve("root/sbin"))).isEqualTo(Path.of("usr/sbin"));
        assertThat(dst.resolve("commands.jsonl")).doesNotExist();
        assertThat(dst.resolve("ssh_host_ed25519_key")).doesNotExist();
    }
}
