package com.goodpackagerepo.api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.config.ConfigCollection;
import jakarta.ws.rs.Path;

/** {@code /admin/routes}: see {@link AdminCollectionResource}. */
@Path("/admin/routes")
public class AdminRoutesResource extends AdminCollectionResource {
    @Override
    protected ConfigCollection collection() {
        return ConfigCollection.ROUTES;
    }

    @Override
    protected JsonNode listView(JsonNode schema) {
        return AdminConfigView.routes(schema);
    }

    @Override
    protected String listName() {
        return "routes";
    }
}
