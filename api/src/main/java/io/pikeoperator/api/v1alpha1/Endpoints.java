package io.pikeoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Public endpoints registered in the Keystone catalog. */
public class Endpoints {

    @JsonPropertyDescription("Identity (Keystone) public URL, e.g. http://controller01:5000/v3/.")
    public String identity;

    @JsonPropertyDescription("Image (Glance) public URL, e.g. http://controller01:9292.")
    public String image;

    @JsonPropertyDescription("Compute (Nova) public URL, e.g. http://controller01:8774/v2.1.")
    public String compute;

    @JsonPropertyDescription("Placement public URL, e.g. http://controller01:8778.")
    public String placement;
}
