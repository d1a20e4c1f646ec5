package com.goodpackagerepo.storage.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.storage.ReplicatedBatch;
import com.goodpackagerepo.storage.index.IndexDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** A batch's writes as the bytes of the replication log (JSON; document values base64). */
final class WriteSetCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private WriteSetCodec() {
    }

    static byte[] encode(List<ReplicatedBatch.Write> writes) {
        ArrayNode out = MAPPER.createArrayNode();
        for (ReplicatedBatch.Write write : writes) {
            ObjectNode node = out.addObject();
            if (write instanceof ReplicatedBatch.PutDocument put) {
                node.put("op", "put").put("key", put.key()).put("value", put.value());
            } else if (write instanceof ReplicatedBatch.DeleteDocument delete) {
                node.put("op", "delete").put("key", delete.key());
            } else if (write instanceof ReplicatedBatch.UpsertIndex upsert) {
                node.put("op", "index_upsert").set("index", definition(upsert.index()));
                node.set("row", upsert.row());
            } else if (write instanceof ReplicatedBatch.DeleteIndex delete) {
                node.put("op", "index_delete").set("index", definition(delete.index()));
                node.set("row", delete.row());
            }
        }
        try {
            return MAPPER.writeValueAsBytes(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<ReplicatedBatch.Write> decode(byte[] bytes) {
        JsonNode array;
        try {
            array = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable write-set in the replication log", e);
        }
        List<ReplicatedBatch.Write> writes = new ArrayList<>(array.size());
        for (JsonNode node : array) {
            String op = node.path("op").asText();
            try {
                writes.add(switch (op) {
                    case "put" -> new ReplicatedBatch.PutDocument(node.path("key").asText(), node.path("value").binaryValue());
                    case "delete" -> new ReplicatedBatch.DeleteDocument(node.path("key").asText());
                    case "index_upsert" -> new ReplicatedBatch.UpsertIndex(definition(node.path("index")), node.get("row"));
                    case "index_delete" -> new ReplicatedBatch.DeleteIndex(definition(node.path("index")), node.get("row"));
                    default -> throw new IllegalStateException("unknown write '" + op + "' in the replication log");
                });
            } catch (IOException e) {
                throw new IllegalStateException("unreadable document value in the replication log", e);
            }
        }
        return writes;
    }

    static JsonNode definition(IndexDefinition index) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("name", index.name());
        index.keyFields().forEach(node.putArray("key_fields")::add);
        node.put("sort_field", index.sortField());
        node.put("descending", index.descending());
        node.put("semver", index.semver());
        ArrayNode identity = node.putArray("identity_fields");
        index.identityFields().forEach(identity::add);
        return node;
    }

    static String definitionText(IndexDefinition index) {
        return definition(index).toString();
    }

    static IndexDefinition definition(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.path("key_fields").forEach(k -> keys.add(k.asText()));
        List<String> identity = new ArrayList<>();
        node.path("identity_fields").forEach(k -> identity.add(k.asText()));
        JsonNode sort = node.get("sort_field");
        return new IndexDefinition(node.path("name").asText(), keys, sort == null || sort.isNull() ? null : sort.asText(),
                node.path("descending").asBoolean(), node.path("semver").asBoolean(), identity);
    }

    static IndexDefinition definition(String text) {
        try {
            return definition(MAPPER.readTree(text));
        } catch (IOException e) {
            throw new IllegalStateException("unreadable index definition", e);
        }
    }

    static JsonNode json(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable JSON in the cluster store", e);
        }
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
