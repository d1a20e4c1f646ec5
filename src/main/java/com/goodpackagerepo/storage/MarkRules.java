package com.goodpackagerepo.storage;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code gc.sweep.mark.mark_blobs_by} ("artifact_meta.blob_digest": document name, then the field) and
 * the named documents' {@code key_template}s into {@link BlobReferences}: the key prefix is the template's
 * literal text before its first placeholder ("artifact/"). An entry naming an unknown document, or a template
 * that starts with a placeholder, is left out (validation reports such schemas).
 */
public final class MarkRules {
    private MarkRules() {
    }

    public static BlobReferences blobReferences(JsonNode schema) {
        JsonNode documents = schema.path("storage").path("documents");
        List<BlobReferences.Source> sources = new ArrayList<>();
        for (JsonNode entry : schema.path("gc").path("sweep").path("mark").path("mark_blobs_by")) {
            String text = entry.asText("");
            int dot = text.indexOf('.');
            if (dot <= 0 || dot == text.length() - 1) {
                continue;
            }
            String template = documents.path(text.substring(0, dot)).path("key_template").asText("");
            int brace = template.indexOf('{');
            String prefix = brace < 0 ? template : template.substring(0, brace);
            if (!prefix.isEmpty()) {
                sources.add(new BlobReferences.Source(prefix, text.substring(dot + 1)));
            }
        }
        return new BlobReferences(sources);
    }
}
