package io.pikeoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

import java.util.List;

/** The Image service (Glance): its [glance_store] section and the images uploaded once. */
public class GlanceSpec {

    public static final String DEFAULT_STORES = "file,http";
    public static final String DEFAULT_STORE = "file";
    public static final String DEFAULT_DATADIR = "/var/lib/glance/images/";

    @Default(DEFAULT_STORES)
    @Pattern(Patterns.GLANCE_STORES)
    @Size(max = 255)
    @JsonPropertyDescription("[glance_store] stores, comma separated.")
    public String stores;

    @Default(DEFAULT_STORE)
    @Pattern(Patterns.WORD)
    @Size(max = 63)
    @JsonPropertyDescription("[glance_store] default_store.")
    public String defaultStore;

    @Default(DEFAULT_DATADIR)
    @Pattern(Patterns.ABSOLUTE_PATH)
    @Size(max = 4096)
    @JsonPropertyDescription("[glance_store] filesystem_store_datadir, an absolute path.")
    public String filesystemStoreDatadir;

    @JsonPropertyDescription("Images uploaded once, after Glance is up (the install guide uploads cirros-0.3.5). "
            + "An image whose name already exists is left alone.")
    public List<GlanceImage> images;
}
