package com.goodpackagerepo.config.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion.VersionFlag;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whether a JSON value embedded in the schema is itself a usable JSON Schema: it must pass
 * its meta-schema (draft 2020-12 unless {@code $schema} names draft-07) and then compile, which also
 * catches bad regular expressions and unresolvable {@code $ref}s. Only local references ({@code #...})
 * are allowed, so loading a config never reaches out to the network.
 */
final class JsonSchemaSyntax {

    private static final int MAX_PROBLEMS = 3;
    private static final Set<String> DRAFT_7_IDS = Set.of(
            "http://json-schema.org/draft-07/schema#", "http://json-schema.org/draft-07/schema",
            "https://json-schema.org/draft-07/schema#", "https://json-schema.org/draft-07/schema");
    private static final Set<String> DRAFT_2020_12_IDS = Set.of(SchemaId.V202012, SchemaId.V202012 + "#");
    private static final Set<String> REF_KEYWORDS = Set.of("$ref", "$dynamicRef", "$recursiveRef");
    private static final Map<VersionFlag, JsonSchemaFactory> FACTORIES = new ConcurrentHashMap<>();
    private static final Map<VersionFlag, JsonSchema> META_SCHEMAS = new ConcurrentHashMap<>();

    private JsonSchemaSyntax() {
    }

    /** Reports {@code schema} at {@code path}, once, when it is not a usable JSON Schema. */
    static void check(JsonNode schema, String path, Reporter reporter) {
        List<String> problems = problems(schema);
        if (!problems.isEmpty()) {
            reporter.report(path, "is not a valid JSON Schema: " + String.join("; ", problems));
        }
    }

    /** Why {@code schema} is not a usable JSON Schema; empty when it is. */
    static List<String> problems(JsonNode schema) {
        if (!schema.isObject() && !schema.isBoolean()) {
            return List.of("must be a JSON Schema (an object or a boolean), was " + JsonValues.describe(schema));
        }
        List<String> remote = new ArrayList<>();
        collectRemoteRefs(schema, remote);
        if (!remote.isEmpty()) {
            return List.of("only local references (#...) are allowed, found " + remote);
        }
        JsonNode declared = schema.path("$schema");
        VersionFlag version;
        if (declared.isMissingNode() || DRAFT_2020_12_IDS.contains(declared.asText())) {
            version = VersionFlag.V202012;
        } else if (DRAFT_7_IDS.contains(declared.asText())) {
            version = VersionFlag.V7;
        } else {
            return List.of("unsupported $schema " + JsonValues.describe(declared) + " (use draft 2020-12 or draft-07)");
        }
        return compile(schema, version);
    }

    private static List<String> compile(JsonNode schema, VersionFlag version) {
        List<String> problems = metaSchema(version).validate(schema).stream()
                .map(ValidationMessage::getMessage)
                .distinct()
                .limit(MAX_PROBLEMS)
                .toList();
        if (!problems.isEmpty()) {
            return problems;
        }
        try {
            JsonSchema compiled = factory(version).getSchema(schema);
            compiled.initializeValidators();
            return List.of();
        } catch (RuntimeException e) {
            return List.of("does not compile: " + e.getMessage());
        }
    }

    private static JsonSchema metaSchema(VersionFlag version) {
        return META_SCHEMAS.computeIfAbsent(version, v -> factory(v)
                .getSchema(SchemaLocation.of(v == VersionFlag.V7 ? SchemaId.V7 : SchemaId.V202012)));
    }

    private static JsonSchemaFactory factory(VersionFlag version) {
        return FACTORIES.computeIfAbsent(version, JsonSchemaFactory::getInstance);
    }

    private static void collectRemoteRefs(JsonNode node, List<String> into) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                JsonNode value = e.getValue();
                if (REF_KEYWORDS.contains(e.getKey()) && value.isTextual() && !value.asText().startsWith("#")) {
                    into.add(value.asText());
                }
                collectRemoteRefs(value, into);
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                collectRemoteRefs(item, into);
            }
        }
    }
}
