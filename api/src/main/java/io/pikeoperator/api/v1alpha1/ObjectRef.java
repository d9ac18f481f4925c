package io.pikeoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A reference to another object in the same namespace, by name. */
public class ObjectRef {

    @Required
    @Pattern(Patterns.OBJECT_NAME)
    @Size(max = 253)
    @JsonPropertyDescription("Name of the object, in the same namespace.")
    public String name;

    public ObjectRef() {
    }

    public ObjectRef(String name) {
        this.name = name;
    }
}
