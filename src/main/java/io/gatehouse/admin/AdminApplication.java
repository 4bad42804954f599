package io.gatehouse.admin;

import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/** The Kong-compatible Admin API, served by Jersey behind {@link io.gatehouse.web.RoleFilter}. */
public final class AdminApplication extends ResourceConfig {

    public AdminApplication() {
        register(RootResource.class);
        register(SchemaResource.class);
        register(TagsResource.class);
        register(EntityResource.class);
        register(LegacyApisResource.class);
        register(AdminGuard.class);
        register(ErrorMappers.Dao.class);
        register(ErrorMappers.Admin.class);
        register(ErrorMappers.Everything.class);
        register(org.glassfish.jersey.jackson.JacksonFeature.class);
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        property(ServerProperties.BV_FEATURE_DISABLE, true);
    }
}
