package io.pikeoperator.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InformerCachesTest {

    private static ConfigMap at(String resourceVersion, String value) {
        return new ConfigMapBuilder().withNewMetadata().withName("c").withResourceVersion(resourceVersion).endMetadata()
                .addToData("v", value).build();
    }

    @Test
    void theHigherResourceVersionIsTheFresherCopyWhicheverCacheHoldsIt() {
        assertThat(InformerCaches.fresher(at("9", "old"), at("10", "new")).getData()).containsEntry("v", "new");
        assertThat(InformerCaches.fresher(at("10", "new"), at("9", "old")).getData()).containsEntry("v", "new");
    }

    @Test
    void versionsThatAreNotNumbersKeepTheFirstCopy() {
        assertThat(InformerCaches.fresher(at("a", "first"), at("b", "second")).getData()).containsEntry("v", "first");
        assertThat(InformerCaches.fresher(at(null, "first"), at("3", "second")).getData()).containsEntry("v", "first");
    }
}
