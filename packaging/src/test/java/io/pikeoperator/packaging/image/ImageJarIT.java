package io.pikeoperator.packaging.image;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar the Dockerfile copies into the image is the operator alone: the twin (hostsim), the CRUD mock API server
 * and the demo live in their own modules and jars. An IT because it reads the operator module's packaged jar.
 */
class ImageJarIT {

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theImagesJarHoldsTheOperatorAndNeitherTheTwinNorTheMockServerNorTheDemo() throws IOException {
        List<String> entries = entries(imageJar());
        assertThat(entries).as("the operator's own classes").contains("io/pikeoperator/cli/Main.class",
                "io/pikeoperator/reconcile/OperatorApp.class", "io/pikeoperator/ssh/SshConnections.class");
        assertThat(entries).filteredOn(e -> e.startsWith("io/pikeoperator/hostsim/")
                        || e.startsWith("META-INF/maven/io.pikeoperator/pike-hostsim/"))
                .as("the twin").isEmpty();
        assertThat(entries).filteredOn(e -> e.startsWith("io/fabric8/kubernetes/client/server/mock/")
                        || e.startsWith("io/fabric8/mockwebserver/")
                        || e.contains("/kubernetes-server-mock/") || e.contains("/mockwebserver/"))
                .as("fabric8's mock API server").isEmpty();
        assertThat(entries).filteredOn(e -> e.startsWith("io/pikeoperator/demo/") || e.startsWith("examples/"))
                .as("the demo").isEmpty();
    }

    /** The jar named by the Dockerfile's COPY line, so that this test follows the image if the path changes. */
    static Path imageJar() throws IOException {
        Matcher copy = Pattern.compile("(?m)^COPY\\s+(\\S+\\.jar)\\s").matcher(Files.readString(REPO.resolve("Dockerfile")));
        assertThat(copy.find()).as("a COPY of a jar in the Dockerfile").isTrue();
        Path jar = REPO.resolve(copy.group(1));
        assertThat(jar).as("%s, built by ./mvnw package", copy.group(1)).isRegularFile();
        return jar;
    }

    private static List<String> entries(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList();
        }
    }
}
