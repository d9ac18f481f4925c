package io.pikeoperator.describe;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden output of {@code describe}: the files under src/test/resources/io/pikeoperator/describe are what a person
 * sees. {@code -Dgolden.update=true} rewrites them from the renderer (then read the diff before committing).
 */
class TreeRendererTest {

    private static final Path SOURCES = Path.of("src/test/resources/io/pikeoperator/describe");

    @Test
    void readyClusterShowsOnlyTheObjectsByDefault() throws IOException {
        assertGolden("ready.txt", render(TreeRenderer.Show.FAILED, DescribeFixtures.ready()));
    }

    @Test
    void readyClusterWithEveryCondition() throws IOException {
        assertGolden("ready-all.txt", render(TreeRenderer.Show.ALL, DescribeFixtures.ready()));
    }

    @Test
    void provisioningClusterShowsTheStepNowAndWhatWaits() throws IOException {
        assertGolden("provisioning.txt", render(TreeRenderer.Show.FAILED, DescribeFixtures.provisioning()));
    }

    @Test
    void failedComputeNamesItsFailingStepAndReason() throws IOException {
        assertGolden("failed-compute.txt", render(TreeRenderer.Show.FAILED, DescribeFixtures.failedCompute()));
    }

    @Test
    void severalClustersOneAfterTheOther() {
        String both = render(TreeRenderer.Show.FAILED, DescribeFixtures.ready(), DescribeFixtures.failedCompute());
        assertThat(both.lines().filter(l -> l.startsWith("PikeCluster/"))).hasSize(2);
        assertThat(both.lines().filter(l -> l.startsWith("NAME"))).hasSize(1);
    }

    @Test
    void colourOnlyWhenAsked() {
        String plain = render(TreeRenderer.Show.FAILED, DescribeFixtures.failedCompute());
        String coloured = new TreeRenderer(TreeRenderer.Show.FAILED, new Style(true), DescribeFixtures.NOW)
                .render(List.of(DescribeFixtures.failedCompute()));
        assertThat(plain).doesNotContain("\u001b[");
        assertThat(coloured).contains("\u001b[31mError\u001b[0m", "\u001b[33mWarning\u001b[0m", "\u001b[32mTrue\u001b[0m");
        // colour codes do not move the columns: without them the text is the plain one
        assertThat(coloured.replaceAll("\u001b\\[[0-9]*m", "")).isEqualTo(plain);
    }

    private static String render(TreeRenderer.Show show, ClusterTree... trees) {
        return new TreeRenderer(show, Style.PLAIN, DescribeFixtures.NOW).render(List.of(trees));
    }

    private static void assertGolden(String name, String actual) throws IOException {
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(SOURCES.resolve(name), actual);
        }
        try (InputStream in = TreeRendererTest.class.getResourceAsStream(name)) {
            assertThat(in).as("golden file %s (create it with -Dgolden.update=true)", name).isNotNull();
            assertThat(actual).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
