package io.pikeoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A nova-compute service as the controller's Nova lists it. */
public class NovaServiceRef {

    @JsonPropertyDescription("The host name the service registered as.")
    public String host;

    @JsonPropertyDescription("The service's ID in Nova.")
    public String id;

    public NovaServiceRef() {
    }

    public NovaServiceRef(String host, String id) {
        this.host = host;
        this.id = id;
    }
}
