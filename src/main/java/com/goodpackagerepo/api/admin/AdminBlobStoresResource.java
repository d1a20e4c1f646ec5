package com.goodpackagerepo.api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.config.ConfigCollection;
import jakarta.ws.rs.Path;

/** {@code /admin/blob-stores}: see {@link AdminCollectionResource}. */
@Path("/admin/blob-stores")
public class AdminBlobStoresResource extends AdminCollectionResource {
    @Override
    protected ConfigCollection collection() {
        return ConfigCollection.BLOB_STORES;
    }

    @Override
    protected JsonNode listView(JsonNode schema) {
        return AdminConfigView.blobStores(schema);
    }

    @Override
    protected String listName() {
        return "blob_stores";
    }
}
