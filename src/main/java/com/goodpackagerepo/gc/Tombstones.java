package com.goodpackagerepo.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.json.Json;
import com.goodpackagerepo.schema.DocumentRole;
import com.goodpackagerepo.schema.RepositorySchema;
import com.goodpackagerepo.storage.WriteBatch;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The re-publish rule for deleted artifacts. Deleting an artifact leaves a small tombstone document holding its
 * digest; with {@code gc.retention.immutable_after_publish} a later publish under the same key must carry the
 * same digest, so a key never names two different contents over its lifetime (a cache or a lock file that saw
 * the old bytes stays right). The rule is checked when the publish runs and again at its commit, atomically
 * with the write, so a deletion racing the publish cannot slip between the two.
 */
public final class Tombstones {
    static final String DIGEST_FIELD = "blob_digest";

    private Tombstones() {
    }

    /**
     * For a write of {@code doc} under {@code key}: a step to add to the write's batch that enforces the rule,
     * after checking it against the current state (409 {@code ALREADY_EXISTS} when it is broken).
     */
    public static Consumer<WriteBatch> republishGuard(RepositorySchema model, Function<String, Optional<byte[]>> current,
                                                      String doc, String key, byte[] value) {
        if (!model.hasRole(doc, DocumentRole.ARTIFACT_METADATA) || !model.gc().immutableAfterPublish()) {
            return batch -> { };
        }
        String digest = Json.parse(value).path(DIGEST_FIELD).asText("");
        String tombstone = ArtifactKeys.tombstone(key);
        Optional<byte[]> existing = current.apply(tombstone);
        if (existing.isPresent() && !sameDigest(existing.get(), digest)) {
            throw refused(key, existing.get());
        }
        return batch -> batch.check(tombstone, stored -> stored == null || sameDigest(stored, digest));
    }

    static byte[] document(JsonNode deletedMeta, String at, String by) {
        var tombstone = Json.object();
        tombstone.put(DIGEST_FIELD, deletedMeta.path(DIGEST_FIELD).asText(""));
        tombstone.put("deleted_at", at);
        tombstone.put("deleted_by", by);
        return Json.bytes(tombstone);
    }

    private static boolean sameDigest(byte[] tombstone, String digest) {
        return Json.parse(tombstone).path(DIGEST_FIELD).asText("").equals(digest);
    }

    private static DomainException refused(String key, byte[] tombstone) {
        return new DomainException(ErrorCode.ALREADY_EXISTS, key + " was deleted and gc.retention.immutable_after_publish"
                + " allows re-publishing it only with the same content (" + Json.parse(tombstone).path(DIGEST_FIELD)
                .asText() + ")");
    }
}
