package io.pikeoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** One image to upload into Glance; the controller downloads it from {@code url}. */
public class GlanceImage {

    @Required
    @Size(min = 1, max = 255)
    @Pattern(Patterns.IMAGE_NAME)
    @JsonPropertyDescription("Image name in Glance, e.g. cirros-0.3.5: one line, no '/', no white space at either end.")
    public String name;

    @Required
    @Pattern(Patterns.HTTP_URL)
    @Size(max = 2048)
    @JsonPropertyDescription("Where the controller downloads the image from (http or https).")
    public String url;

    @Default("qcow2")
    @JsonPropertyDescription("Disk format given to 'openstack image create --disk-format'.")
    public DiskFormat diskFormat;

    @Default("bare")
    @JsonPropertyDescription("Container format given to 'openstack image create --container-format'.")
    public ContainerFormat containerFormat;

    @Default("public")
    @JsonPropertyDescription("Visibility of the image.")
    public Visibility visibility;

    public enum DiskFormat {
        @JsonProperty("qcow2") QCOW2,
        @JsonProperty("raw") RAW,
        @JsonProperty("vhd") VHD,
        @JsonProperty("vhdx") VHDX,
        @JsonProperty("vmdk") VMDK,
        @JsonProperty("vdi") VDI,
        @JsonProperty("iso") ISO,
        @JsonProperty("ploop") PLOOP,
        @JsonProperty("aki") AKI,
        @JsonProperty("ari") ARI,
        @JsonProperty("ami") AMI
    }

    public enum ContainerFormat {
        @JsonProperty("bare") BARE,
        @JsonProperty("ovf") OVF,
        @JsonProperty("ova") OVA,
        @JsonProperty("docker") DOCKER,
        @JsonProperty("aki") AKI,
        @JsonProperty("ari") ARI,
        @JsonProperty("ami") AMI
    }

    public enum Visibility {
        @JsonProperty("public") PUBLIC,
        @JsonProperty("private") PRIVATE,
        @JsonProperty("shared") SHARED,
        @JsonProperty("community") COMMUNITY
    }
}
