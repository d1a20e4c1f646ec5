package com.goodpackagerepo.api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.config.ConfigCollection;
import jakarta.ws.rs.Path;

/** {@code /admin/upstreams}: see {@link AdminCollectionResource}. */
@Path("/admin/upstreams")
public class AdminUpstreamsResource extends AdminCollectionResource {
    @Override
    protected ConfigCollection collection() {
        return ConfigCollection.UPSTREAMS;
    }

    @Override
    protected JsonNode listView(JsonNode schema) {
        return AdminConfigView.upstreams(schema);
    }

    @Override
    protected String listName() {
        return "upstreams";
    }
}
