package com.goodpackagerepo.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.storage.index.IndexDefinition;
import java.util.List;

/**
 * One of {@code indexes}: the document that feeds it and the storage definition compiled from its first key.
 */
public record IndexDef(String name, String sourceDocument, IndexDefinition definition) {

    /**
     * The row a stored document of {@link #sourceDocument} has in this index: the document's own fields, with a
     * key or identity field it lacks (an absent optional {@code variant}) as "" — what {@code index.upsert}
     * stored for it, since the pipeline renders an absent field empty. Removing a document's rows uses it.
     */
    public JsonNode rowOf(JsonNode document) {
        ObjectNode row = document.deepCopy();
        for (List<String> fields : List.of(definition.keyFields(), definition.identityFields())) {
            for (String field : fields) {
                if (!row.path(field).isValueNode() || row.path(field).isNull()) {
                    row.put(field, "");
                }
            }
        }
        return row;
    }
}
