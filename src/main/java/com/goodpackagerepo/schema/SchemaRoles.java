package com.goodpackagerepo.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Which document plays which {@link DocumentRole}, and what is wrong with a schema's roles.
 *
 * <p>A document declared with {@code "role"} has that role. A role no document declares is derived from the
 * structure the shipped schema already has, so a schema without {@code role} members keeps working:
 * <ul>
 *   <li>artifact metadata: the document of the first {@code gc.sweep.mark.mark_blobs_by} entry (the document
 *       whose field names a blob, "artifact_meta.blob_digest");</li>
 *   <li>tag: the one document whose JSON Schema declares both {@code tag} and {@code target_key}.</li>
 * </ul>
 */
public final class SchemaRoles {

    /** One problem: where in the schema, and what to do. */
    public record Problem(String path, String message) {
    }

    private SchemaRoles() {
    }

    static Map<DocumentRole, DocumentDef> resolve(Map<String, DocumentDef> documents, JsonNode root) {
        Map<DocumentRole, DocumentDef> roles = new EnumMap<>(DocumentRole.class);
        for (DocumentDef doc : documents.values()) {
            if (doc.declaredRole() != null) {
                roles.putIfAbsent(doc.declaredRole(), doc);
            }
        }
        if (!roles.containsKey(DocumentRole.ARTIFACT_METADATA)) {
            String first = root.path("gc").path("sweep").path("mark").path("mark_blobs_by").path(0).asText("");
            int dot = first.indexOf('.');
            DocumentDef doc = dot > 0 ? documents.get(first.substring(0, dot)) : null;
            if (doc != null && doc.declaredRole() == null) {
                roles.put(DocumentRole.ARTIFACT_METADATA, doc);
            }
        }
        if (!roles.containsKey(DocumentRole.TAG)) {
            List<DocumentDef> candidates = documents.values().stream()
                    .filter(d -> d.declaredRole() == null && d.properties().containsAll(List.of("tag", "target_key")))
                    .toList();
            if (candidates.size() == 1) {
                roles.put(DocumentRole.TAG, candidates.get(0));
            }
        }
        return Collections.unmodifiableMap(roles);
    }

    /** Everything that keeps a feature from finding what it needs; empty for a usable schema. */
    public static List<Problem> problems(JsonNode root, RepositorySchema model) {
        List<Problem> problems = new ArrayList<>();
        root.path("storage").path("documents").fields().forEachRemaining(e -> {
            JsonNode role = e.getValue().path("role");
            if (!role.isMissingNode() && DocumentRole.of(role.asText("")) == null) {
                problems.add(new Problem("storage.documents." + e.getKey() + ".role",
                        "unknown role " + role + " (known: artifact_metadata, tag)"));
            }
        });
        for (DocumentRole role : DocumentRole.values()) {
            List<String> declaring = model.documents().values().stream()
                    .filter(d -> d.declaredRole() == role).map(DocumentDef::name).toList();
            if (declaring.size() > 1) {
                problems.add(new Problem("storage.documents", "documents " + declaring + " all declare role "
                        + role.id() + "; only one may"));
            }
            model.document(role).ifPresentOrElse(doc -> checkDocument(role, doc, problems),
                    () -> problems.add(new Problem("storage.documents", missing(role))));
        }
        model.document(DocumentRole.ARTIFACT_METADATA).ifPresent(doc -> {
            if (model.versionsIndex().isEmpty()) {
                problems.add(new Problem("indexes", "no index of document " + doc.name()
                        + " (role artifact_metadata) keyed by [namespace, name] and sorted by version:desc;"
                        + " the catalog, GET /v1/{namespace}/{name}/versions and GC retention need one"));
            }
        });
        return problems;
    }

    private static String missing(DocumentRole role) {
        String derived = role == DocumentRole.ARTIFACT_METADATA
                ? "or name it first in gc.sweep.mark.mark_blobs_by"
                : "or give exactly one document a JSON Schema with properties tag and target_key";
        return "no document has role " + role.id() + " (declare \"role\": \"" + role.id() + "\" on one, " + derived
                + "); the catalog, GC, the blob cache and the built-in routes need it";
    }

    private static void checkDocument(DocumentRole role, DocumentDef doc, List<Problem> problems) {
        String path = "storage.documents." + doc.name();
        List<String> fields = doc.key().fields();
        boolean ordered = fields.size() >= role.keyFields().size()
                && fields.subList(0, role.keyFields().size()).equals(role.keyFields());
        if (!ordered || doc.key().literalPrefix().isEmpty()) {
            problems.add(new Problem(path + ".key_template", "the " + role.id() + " document's key_template \""
                    + doc.key() + "\" must start with literal text followed by the fields " + role.keyFields()
                    + " in that order (keys are listed by that prefix)"));
        }
        if (!doc.properties().containsAll(role.properties())) {
            problems.add(new Problem(path + ".schema", "the " + role.id() + " document's JSON Schema \""
                    + doc.schemaName() + "\" must declare the properties " + role.properties()));
        }
    }
}
