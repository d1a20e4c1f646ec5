package com.goodpackagerepo.config.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Read-only look-ups of the named things a schema declares, for reference checks.
 *
 * <p>An entity is a member of {@code entities} that has a {@code fields} object. Other members, such
 * as the shipped {@code entities.versioning}, are settings blocks, not entities, and may not be named
 * by an op's {@code entity} argument.
 */
final class SchemaModel {

    private final JsonNode root;

    SchemaModel(JsonNode root) {
        this.root = root;
    }

    /** Whether the object at {@code containerPath} (e.g. {@code storage.documents}) has object member {@code name}. */
    boolean declares(String containerPath, String name) {
        return SchemaPaths.resolve(root, containerPath).path(name).isObject();
    }

    /** {@code entities.<name>} when it is an entity rather than a settings block. */
    Optional<JsonNode> entity(String name) {
        JsonNode node = root.path("entities").path(name);
        return node.path("fields").isObject() ? Optional.of(node) : Optional.empty();
    }

    /** Names in {@code events.types[].name}. */
    Set<String> eventTypes() {
        return namesOf(root.path("events").path("types"));
    }

    /** Names in {@code auth.scopes[].name}. */
    Set<String> scopes() {
        return namesOf(root.path("auth").path("scopes"));
    }

    /**
     * The property names of a document's JSON Schema ({@code storage.schemas.<schema>.properties}),
     * or empty when the document, its schema, or the schema's properties are not declared.
     */
    Optional<Set<String>> documentFields(String document) {
        JsonNode schemaName = root.path("storage").path("documents").path(document).path("schema");
        JsonNode properties = root.path("storage").path("schemas").path(schemaName.asText()).path("properties");
        if (!schemaName.isTextual() || !properties.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new LinkedHashSet<>(JsonValues.fieldNames(properties)));
    }

    private static Set<String> namesOf(JsonNode array) {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode item : array) {
            if (item.path("name").isTextual()) {
                names.add(item.get("name").asText());
            }
        }
        return names;
    }
}
