package com.goodpackagerepo.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.goodpackagerepo.storage.blob.BlobDigests;
import com.goodpackagerepo.storage.engines.Stores;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which documents hold blob digests: a document whose key starts with a source's key prefix references the
 * digest in that source's field. The metadata store keeps a reverse index (digest → document) from these
 * rules inside every write, so garbage collection can ask "is this blob referenced?" with one seek. The rules
 * are built by {@link Stores} from {@code gc.sweep.mark.mark_blobs_by}; the storage engine never reads the
 * schema itself.
 */
public final class BlobReferences {

    /** @param field a top-level field, or a dotted path into nested objects ("integrity.digest") */
    public record Source(String keyPrefix, String field) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final BlobReferences NONE = new BlobReferences(List.of());

    private final List<Source> sources;

    public BlobReferences(List<Source> sources) {
        this.sources = List.copyOf(sources);
    }

    public static BlobReferences none() {
        return NONE;
    }

    public boolean isEmpty() {
        return sources.isEmpty();
    }

    /** True when documents under {@code key} can reference blobs (a prefix test, nothing parsed). */
    public boolean covers(String key) {
        for (Source source : sources) {
            if (key.startsWith(source.keyPrefix())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The lowercase hex digests {@code value} references; empty for a null value, a key no source covers, or a
     * value that is not JSON. Text that is not a sha256 digest is no reference.
     */
    public Set<String> digests(String key, byte[] value) {
        if (value == null || !covers(key)) {
            return Set.of();
        }
        JsonNode doc;
        try {
            doc = MAPPER.readTree(value);
        } catch (IOException e) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (Source source : sources) {
            if (key.startsWith(source.keyPrefix())) {
                collect(at(doc, source.field()), out);
            }
        }
        return out;
    }

    /** A canonical text of the rules; the store rebuilds its reverse index when this changes. */
    public String spec() {
        return sources.stream().map(s -> s.keyPrefix() + "|" + s.field()).sorted().collect(Collectors.joining(","));
    }

    private static JsonNode at(JsonNode doc, String dottedField) {
        JsonNode node = doc;
        for (String part : dottedField.split("\\.")) {
            node = node == null ? null : node.get(part);
        }
        return node;
    }

    private static void collect(JsonNode node, Set<String> out) {
        if (node == null) {
            return;
        }
        if (node.isArray()) {
            node.forEach(item -> collect(item, out));
        } else if (node.isTextual()) {
            try {
                out.add(BlobDigests.hex(node.asText()));
            } catch (IllegalArgumentException e) {
                // not a digest: references nothing
            }
        }
    }

    @Override
    public String toString() {
        return spec();
    }
}
