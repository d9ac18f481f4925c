package io.pikeoperator.packaging.helm;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/ is the chart rendered with its defaults into namespace pike-operator, plus the CRDs: a kustomize base
 * ({@code kubectl apply -k deploy/}). Stale files fail the build; regenerate with
 * {@code ./mvnw -pl packaging test -Ddeploy.update=true}.
 */
class DeployManifestsTest {

    static final Path DEPLOY = Rendered.REPO.resolve("deploy");
    static final String HEADER = "# Rendered from helm/pike-operator with its default values into namespace pike-operator.\n"
            + "# Do not edit: run ./mvnw -pl packaging test -Ddeploy.update=true\n";

    @Test
    void theRenderedManifestsAreCurrent() throws IOException {
        String expected = HEADER + Rendered.of("pike-operator", "pike-operator", Map.of()).yaml;
        check(DEPLOY.resolve("pike-operator.yaml"), expected);
        try (Stream<Path> crds = Files.list(Rendered.REPO.resolve("crds")).filter(p -> p.toString().endsWith(".yml"))) {
            for (Path crd : crds.sorted().toList()) {
                check(DEPLOY.resolve("crds").resolve(crd.getFileName()), Files.readString(crd));
            }
        }
    }

    @Test
    void theKustomizationListsEveryFile() throws IOException {
        String k = Files.readString(DEPLOY.resolve("kustomization.yaml"));
        assertThat(k).contains("namespace.yaml", "pike-operator.yaml", "crds/pikeclusters.pikeoperator.io-v1.yml",
                "crds/controllernodes.pikeoperator.io-v1.yml", "crds/computenodes.pikeoperator.io-v1.yml");
        assertThat(Files.readString(DEPLOY.resolve("namespace.yaml"))).contains("kind: Namespace", "name: pike-operator");
    }

    private static void check(Path file, String expected) throws IOException {
        if (Boolean.getBoolean("deploy.update")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, expected);
        }
        assertThat(file).as("%s is stale: run ./mvnw -pl packaging test -Ddeploy.update=true", Rendered.REPO.relativize(file))
                .exists();
        assertThat(Files.readString(file)).as("%s is stale: run ./mvnw -pl packaging test -Ddeploy.update=true",
                Rendered.REPO.relativize(file)).isEqualTo(expected);
    }

}
