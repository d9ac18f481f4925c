package io.pikeoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

import java.util.List;

/** The Image service (Glance): its [glance_store] section and the images uploaded once. */
public class GlanceSpec {

    public static final String DEFAULT_STORES = "file,http";
    public static final String DEFAULT_STORE = "file";
    public static final String DEFAULT_DATADIR = "/var/lib/glance/images/";

    @Default(DEFAULT_STORES)
    @Pattern("^[a-z]+(,[a-z]+)*$")
    @JsonPropertyDescription("[glance_store] stores, comma separated.")
    public String stores;

    @Default(DEFAULT_STORE)
    @Pattern("^[a-z]+$")
    @JsonPropertyDescription("[glance_store] default_store.")
    public String defaultStore;

    @Default(DEFAULT_DATADIR)
    @Pattern("^/[^\\s]*$")
    @JsonPropertyDescription("[glance_store] filesystem_store_datadir, an absolute path.")
    public String filesystemStoreDatadir;

    @JsonPropertyDescription("Images uploaded once, after Glance is up (the seed uploads cirros-0.3.5). "
            + "An image whose name already exists is left alone.")
    public List<GlanceImage> images;
}
