package com.goodpackagerepo.api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.config.ConfigCollection;
import jakarta.ws.rs.Path;

/** {@code /admin/entities}: see {@link AdminCollectionResource}. */
@Path("/admin/entities")
public class AdminEntitiesResource extends AdminCollectionResource {
    @Override
    protected ConfigCollection collection() {
        return ConfigCollection.ENTITIES;
    }

    @Override
    protected JsonNode listView(JsonNode schema) {
        return AdminConfigView.entities(schema);
    }

    @Override
    protected String listName() {
        return "entities";
    }
}
