package com.goodpackagerepo.config.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * References between declarations:
 * <ul>
 *   <li>{@code storage.documents.*.store} is a kv store; {@code .schema}, when given, is in
 *       {@code storage.schemas};</li>
 *   <li>{@code indexes.*.source_document} is a document, and the index's key {@code fields} and
 *       {@code sort} fields ({@code field:asc|desc}) are properties of that document's JSON Schema (when
 *       it declares properties: an index is materialised from its source documents, not from an entity);</li>
 *   <li>each entity's {@code primary_key} and {@code constraints[].field} are among its {@code fields},
 *       and each constraint {@code regex} compiles;</li>
 *   <li>{@code gc.sweep.mark.sources} and the documents of {@code mark_blobs_by} ({@code doc.field}) exist;</li>
 *   <li>{@code auth.policies[].require.scopes} are declared in {@code auth.scopes}.</li>
 * </ul>
 */
final class DeclarationReferences {

    private DeclarationReferences() {
    }

    static void check(JsonNode schema, SchemaModel model, Reporter reporter) {
        for (Map.Entry<String, JsonNode> doc : schema.path("storage").path("documents").properties()) {
            String path = SchemaPaths.child("storage.documents", doc.getKey());
            mustName(doc.getValue().path("store"), path + ".store", "storage.kv_stores", model, reporter);
            if (doc.getValue().has("schema")) {
                mustName(doc.getValue().get("schema"), path + ".schema", "storage.schemas", model, reporter);
            }
        }
        for (Map.Entry<String, JsonNode> index : schema.path("indexes").properties()) {
            checkIndex(index.getValue(), SchemaPaths.child("indexes", index.getKey()), model, reporter);
        }
        for (Map.Entry<String, JsonNode> entity : schema.path("entities").properties()) {
            if (model.entity(entity.getKey()).isPresent()) {
                checkEntity(entity.getValue(), SchemaPaths.child("entities", entity.getKey()), reporter);
            }
        }
        JsonNode mark = schema.path("gc").path("sweep").path("mark");
        eachOf(mark.path("sources"), "gc.sweep.mark.sources",
                (value, path) -> mustName(value, path, "storage.documents", model, reporter));
        eachOf(mark.path("mark_blobs_by"), "gc.sweep.mark.mark_blobs_by",
                (value, path) -> checkDocumentField(value.asText(), path, model, reporter));
        JsonNode policies = schema.path("auth").path("policies");
        for (int p = 0; policies.isArray() && p < policies.size(); p++) {
            String path = SchemaPaths.index("auth.policies", p) + ".require.scopes";
            eachOf(policies.get(p).path("require").path("scopes"), path, (value, at) -> {
                if (!model.scopes().contains(value.asText())) {
                    reporter.report(at, JsonValues.describe(value) + " is not declared in auth.scopes");
                }
            });
        }
    }

    private static void checkIndex(JsonNode index, String path, SchemaModel model, Reporter reporter) {
        JsonNode source = index.path("source_document");
        mustName(source, path + ".source_document", "storage.documents", model, reporter);
        Optional<Set<String>> fields = model.documentFields(source.asText());
        String owner = "document " + source.asText();
        JsonNode keys = index.path("keys");
        for (int k = 0; fields.isPresent() && keys.isArray() && k < keys.size(); k++) {
            String keyPath = SchemaPaths.index(path + ".keys", k);
            eachOf(keys.get(k).path("fields"), keyPath + ".fields",
                    (value, at) -> mustBeField(value.asText(), at, fields.get(), owner, reporter));
            eachOf(keys.get(k).path("sort"), keyPath + ".sort",
                    (value, at) -> mustBeField(value.asText().split(":", 2)[0], at, fields.get(), owner, reporter));
        }
    }

    private static void checkEntity(JsonNode entity, String path, Reporter reporter) {
        Set<String> fields = Set.copyOf(JsonValues.fieldNames(entity.get("fields")));
        eachOf(entity.path("primary_key"), path + ".primary_key",
                (value, at) -> mustBeField(value.asText(), at, fields, path, reporter));
        JsonNode constraints = entity.path("constraints");
        for (int c = 0; constraints.isArray() && c < constraints.size(); c++) {
            String at = SchemaPaths.index(path + ".constraints", c);
            JsonNode constraint = constraints.get(c);
            mustBeField(constraint.path("field").asText(), at + ".field", fields, path, reporter);
            if (constraint.has("regex")) {
                try {
                    Pattern.compile(constraint.get("regex").asText());
                } catch (PatternSyntaxException e) {
                    reporter.report(at + ".regex", "does not compile: " + e.getDescription());
                }
            }
        }
    }

    private static void checkDocumentField(String reference, String path, SchemaModel model, Reporter reporter) {
        String[] parts = reference.split("\\.", 2);
        if (!model.declares("storage.documents", parts[0])) {
            reporter.report(path, "document \"" + parts[0] + "\" is not declared in storage.documents");
        } else if (parts.length == 2) {
            model.documentFields(parts[0]).ifPresent(
                    fields -> mustBeField(parts[1], path, fields, "document " + parts[0], reporter));
        }
    }

    private static void mustName(JsonNode value, String path, String container, SchemaModel model, Reporter reporter) {
        if (!value.isTextual() || !model.declares(container, value.asText())) {
            reporter.report(path, JsonValues.describe(value) + " is not declared in " + container);
        }
    }

    private static void mustBeField(String field, String path, Set<String> fields, String owner, Reporter reporter) {
        if (!fields.contains(field)) {
            reporter.report(path, "\"" + field + "\" is not a field of " + owner);
        }
    }

    private static void eachOf(JsonNode array, String path, BiConsumer<JsonNode, String> action) {
        for (int i = 0; array.isArray() && i < array.size(); i++) {
            action.accept(array.get(i), SchemaPaths.index(path, i));
        }
    }
}
