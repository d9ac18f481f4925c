package io.pikeoperator.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RecentWritesTest {

    static final ResourceID ID = new ResourceID("c", "ns");
    final RecentWrites recent = new RecentWrites();

    private static ConfigMap at(String name, String resourceVersion, String value) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("ns").withResourceVersion(resourceVersion)
                .endMetadata().addToData("v", value).build();
    }

    private String read(ConfigMap cached) {
        return recent.over(ConfigMap.class, ID, Optional.ofNullable(cached)).map(c -> c.getData().get("v")).orElse(null);
    }

    @Test
    void aWriteIsReadBackWhileTheCacheStillHoldsTheVersionBeforeIt() {
        recent.wrote(ConfigMap.class, at("c", "11", "written"), false);
        assertThat(read(at("c", "10", "stale"))).isEqualTo("written");
        assertThat(read(at("c", "10", "stale"))).as("still, until the cache catches up").isEqualTo("written");
    }

    @Test
    void onceTheCacheHoldsThatVersionOrALaterOneTheCacheAnswersAndTheWriteIsForgotten() {
        recent.wrote(ConfigMap.class, at("c", "11", "written"), false);
        assertThat(read(at("c", "12", "someone else's"))).isEqualTo("someone else's");
        assertThat(read(at("c", "10", "an old copy again"))).as("forgotten").isEqualTo("an old copy again");
    }

    @Test
    void anUpdatedObjectTheCacheNoLongerHoldsWasDeleted() {
        recent.wrote(ConfigMap.class, at("c", "11", "written"), false);
        assertThat(read(null)).isNull();
    }

    @Test
    void aCreatedObjectIsReadBackBeforeTheCacheHasIt() {
        recent.wrote(ConfigMap.class, at("c", "5", "created"), true);
        assertThat(read(null)).isEqualTo("created");
        assertThat(read(at("c", "5", "created"))).isEqualTo("created");
        assertThat(read(null)).as("the cache had it: a later absence is a delete").isNull();
    }

    @Test
    void anOlderWriteDoesNotReplaceANewerOne() {
        recent.wrote(ConfigMap.class, at("c", "12", "second"), false);
        recent.wrote(ConfigMap.class, at("c", "11", "first, answered late"), false);
        assertThat(read(at("c", "10", "stale"))).isEqualTo("second");
    }

    @Test
    void versionsThatAreNotNumbersLeaveTheCacheInCharge() {
        recent.wrote(ConfigMap.class, at("c", "b", "written"), false);
        assertThat(read(at("c", "a", "cached"))).isEqualTo("cached");
    }

    @Test
    void aListingShowsTheWrittenCopyOfObjectsItHoldsAndNoDeletedOnes() {
        recent.wrote(ConfigMap.class, at("c", "11", "written"), false);
        recent.wrote(ConfigMap.class, at("gone", "7", "written"), false);
        recent.wrote(ConfigMap.class, at("new", "3", "created"), true);
        Map<String, ConfigMap> listed = new LinkedHashMap<>();
        listed.put("c", at("c", "10", "stale"));
        listed.put("other", at("other", "4", "untouched"));
        recent.over(ConfigMap.class, "ns", listed);
        assertThat(listed).containsOnlyKeys("c", "other");
        assertThat(listed.get("c").getData()).containsEntry("v", "written");
        assertThat(listed.get("other").getData()).containsEntry("v", "untouched");
    }

    @Test
    void otherNamespacesAndKindsAreNotTouched() {
        recent.wrote(ConfigMap.class, at("c", "11", "written"), false);
        Map<String, ConfigMap> listed = new LinkedHashMap<>(Map.of("c", at("c", "10", "stale")));
        recent.over(ConfigMap.class, "elsewhere", listed);
        assertThat(listed.get("c").getData()).containsEntry("v", "stale");
        assertThat(recent.over(io.fabric8.kubernetes.api.model.Secret.class, ID, Optional.empty())).isEmpty();
    }
}
