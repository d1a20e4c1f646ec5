package com.goodpackagerepo.config.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.schema.op.OpSpecs;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@value CheckIds#REPLICATION_APPLY}: with {@code replication.mode} {@code event_sourcing}, every declared event
 * type is applied by a pipeline that can run from the event alone.
 * <ul>
 *   <li>each {@code events.types[]} name is mapped by {@code replication.replay.apply_pipelines} to a member of
 *       {@code replication.apply_pipelines} (a missing mapping or pipeline is refused);</li>
 *   <li>each event type declares its payload ({@code schema.properties} and {@code schema.required}), and every
 *       {@code emit.event} of that type sets every required field;</li>
 *   <li>an apply pipeline uses only the ops {@link OpSpecs} declares {@link com.goodpackagerepo.schema.op.OpSpec#apply
 *       apply} ({@code txn.begin}, {@code txn.commit}, {@code kv.put}, {@code kv.delete}, {@code index.upsert},
 *       {@code index.delete}) — never {@code kv.cas_put}: the
 *       authority decided the precondition, a replica that re-decides it diverges — and reads only the event: each
 *       {@code {field}} is a required payload field ({@code {field?}} any declared one; also
 *       {@code event.event_id|type|at|payload}), never a
 *       {@code $variable} or the principal (there is no request on a replica);</li>
 *   <li>the value a {@code kv.put} writes has every field its document's schema requires, and only declared
 *       ones.</li>
 * </ul>
 */
final class ReplicationApplyCheck implements SchemaCheck {
    private static final Set<String> APPLY_OPS = OpSpecs.applyOps();
    static final String VOCABULARY = String.join(", ", APPLY_OPS);
    private static final Set<String> ENVELOPE = Set.of("event.event_id", "event.type", "event.at", "event.payload");
    private static final Pattern BRACE = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_.]*)(\\?)?}");
    private static final Pattern VAR = Pattern.compile("\\$[A-Za-z_]");
    private static final String MAP = "replication.replay.apply_pipelines";
    private static final String ENTITY_REFERENCES = "val_entity_references";

    @Override
    public String id() {
        return CheckIds.REPLICATION_APPLY;
    }

    @Override
    public void run(JsonNode schema, Reporter reporter) {
        JsonNode replication = schema.path("replication");
        if (!"event_sourcing".equals(replication.path("mode").asText())) {
            return;
        }
        Map<String, JsonNode> types = new LinkedHashMap<>();
        JsonNode declared = schema.path("events").path("types");
        for (int i = 0; i < declared.size(); i++) {
            types.put(declared.get(i).path("name").asText(), declared.get(i).path("schema"));
        }
        JsonNode mapping = replication.path("replay").path("apply_pipelines");
        JsonNode pipelines = replication.path("apply_pipelines");
        int i = 0;
        for (Map.Entry<String, JsonNode> type : types.entrySet()) {
            String typePath = SchemaPaths.index("events.types", i++);
            Set<String> declaredFields = new LinkedHashSet<>();
            Set<String> required = payloadFields(type.getValue(), typePath, declaredFields, reporter);
            checkEmitters(schema, type.getKey(), required, reporter);
            JsonNode name = mapping.path(type.getKey());
            if (name.isMissingNode()) {
                reporter.report(MAP, "event type \"" + type.getKey() + "\" has no apply pipeline: replicas could not"
                        + " apply it");
                continue;
            }
            JsonNode pipeline = name.isTextual() ? pipelines.path(name.asText()) : null;
            if (pipeline == null || !pipeline.isArray()) {
                if (!referencesRejected(schema)) { // else val_entity_references reports it already
                    reporter.report(SchemaPaths.child(MAP, type.getKey()), JsonValues.describe(name)
                            + " is not a pipeline in replication.apply_pipelines");
                }
                continue;
            }
            checkPipeline(schema, pipeline, SchemaPaths.child("replication.apply_pipelines", name.asText()),
                    type.getKey(), new Payload(required, declaredFields), reporter);
        }
    }

    /** Whether the schema declares the load-time check that refuses broken references (it names missing pipelines). */
    private static boolean referencesRejected(JsonNode schema) {
        for (JsonNode check : schema.path("validation").path("load_time_checks")) {
            if (ENTITY_REFERENCES.equals(check.path("id").asText())
                    && "reject_config".equals(check.path("on_fail").asText())) {
                return true;
            }
        }
        return false;
    }

    /** The payload fields every event of a type carries (its schema's {@code required}, all declared properties). */
    private static Set<String> payloadFields(JsonNode typeSchema, String typePath, Set<String> declared,
                                             Reporter reporter) {
        Set<String> required = new LinkedHashSet<>();
        JsonNode properties = typeSchema.path("properties");
        if (!properties.isObject() || properties.isEmpty()) {
            reporter.report(typePath + ".schema", "must declare the payload's properties: its apply pipeline reads them");
            return required;
        }
        properties.fieldNames().forEachRemaining(declared::add);
        for (JsonNode field : typeSchema.path("required")) {
            if (!properties.has(field.asText())) {
                reporter.report(typePath + ".schema.required", "\"" + field.asText() + "\" is not in properties");
            }
            required.add(field.asText());
        }
        return required;
    }

    /** Every {@code emit.event} of {@code type} sets each required payload field. */
    private static void checkEmitters(JsonNode schema, String type, Set<String> required, Reporter reporter) {
        for (OpRef op : Pipelines.allOps(schema)) {
            if (!"emit.event".equals(op.op()) || !type.equals(op.textArg("type")) || !op.arg("payload").isObject()) {
                continue;
            }
            for (String field : required) {
                if (!op.arg("payload").has(field)) {
                    reporter.report(op.argPath("payload"), "the " + type + " payload lacks \"" + field
                            + "\", which its declaration requires (the apply pipeline reads it)");
                }
            }
        }
    }

    private static void checkPipeline(JsonNode schema, JsonNode pipeline, String path, String type,
                                      Payload fields, Reporter reporter) {
        for (OpRef op : new Pipelines.Pipeline(path, pipeline).ops()) {
            if (!APPLY_OPS.contains(op.op())) {
                reporter.report(op.opPath(), "\"" + op.op() + "\" cannot apply an event (apply pipelines use "
                        + VOCABULARY + ("kv.cas_put".equals(op.op())
                        ? "; the authority already decided the precondition: use kv.put)" : ")"));
                continue;
            }
            checkReferences(op.args(), op.path() + ".args", type, fields, reporter);
            if ("kv.put".equals(op.op())) {
                checkDocumentValue(schema, op, reporter);
            }
        }
    }

    /** The fields an event of a type always carries, and all it may carry ({@code {field?}} may name those). */
    private record Payload(Set<String> required, Set<String> declared) {
    }

    private static void checkReferences(JsonNode node, String path, String type, Payload fields, Reporter reporter) {
        if (node.isObject()) {
            node.properties().forEach(e -> checkReferences(e.getValue(), SchemaPaths.child(path, e.getKey()), type,
                    fields, reporter));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkReferences(node.get(i), SchemaPaths.index(path, i), type, fields, reporter);
            }
        } else if (node.isTextual()) {
            String text = node.asText();
            if (VAR.matcher(text).find()) {
                reporter.report(path, "apply pipelines read only the event: " + JsonValues.describe(node)
                        + " names a variable");
            }
            Matcher m = BRACE.matcher(text);
            while (m.find()) {
                String ref = m.group(1);
                String field = ref.startsWith("event.payload.") ? ref.substring("event.payload.".length()) : ref;
                boolean optional = m.group(2) != null;
                if (ENVELOPE.contains(ref) || fields.required().contains(field)
                        || optional && fields.declared().contains(field)) {
                    continue;
                }
                reporter.report(path, "{" + ref + "} is not " + (fields.declared().contains(field)
                        ? "a required payload field of " + type + " (write {" + ref + "?} if it may be absent)"
                        : "a payload field of " + type + " " + fields.declared()));
            }
        }
    }

    /** A kv.put's object value against its document's schema: the required fields present, no undeclared one. */
    private static void checkDocumentValue(JsonNode schema, OpRef op, Reporter reporter) {
        JsonNode value = op.arg("value");
        String doc = op.textArg("doc");
        if (!value.isObject() || doc == null) {
            reporter.report(op.argPath("value"), "must be an object naming the document's fields");
            return;
        }
        String schemaName = schema.path("storage").path("documents").path(doc).path("schema").asText(null);
        JsonNode docSchema = schemaName == null ? null : schema.path("storage").path("schemas").get(schemaName);
        if (docSchema == null) {
            return;
        }
        for (JsonNode field : docSchema.path("required")) {
            if (!value.has(field.asText())) {
                reporter.report(op.argPath("value"), "lacks \"" + field.asText() + "\", required by " + schemaName);
            }
        }
        JsonNode properties = docSchema.path("properties");
        if (properties.isObject()) {
            value.fieldNames().forEachRemaining(f -> {
                if (!properties.has(f)) {
                    reporter.report(SchemaPaths.child(op.argPath("value"), f), "is not a property of " + schemaName);
                }
            });
        }
    }
}
