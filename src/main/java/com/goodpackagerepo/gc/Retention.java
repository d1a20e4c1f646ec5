package com.goodpackagerepo.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.json.Json;
import com.goodpackagerepo.pipeline.CompiledConfig;
import com.goodpackagerepo.schema.DocumentRole;
import com.goodpackagerepo.schema.KeyTemplate;
import com.goodpackagerepo.storage.MetadataStore;
import com.goodpackagerepo.storage.index.IndexDefinition;
import com.goodpackagerepo.storage.index.IndexPage;
import com.goodpackagerepo.storage.index.IndexQuery;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code gc.retention}: per package, keeps the {@code keep_last_n_versions} newest versions in semver order and,
 * with {@code keep_tags_forever}, every version a tag points at; every other artifact is deleted like an admin
 * deletion ({@link ArtifactDeletion}, reason "retention"). A version counts once however many variants it has;
 * prereleases count as versions; versions that are not semver are older than every semver version. A run may be
 * limited to one namespace ({@link GcRun#namespace()}).
 *
 * <p>Streaming: packages are found by walking the artifact keys in order (a package's keys are contiguous) and
 * each package's versions are read newest first from the versions index, a page at a time. Memory holds one
 * page and one package's tagged versions, never the whole store.
 */
final class Retention {
    private static final int PAGE = 500;

    private final MetadataStore store;
    private final CompiledConfig compiled;
    private final GcPolicy policy;
    private final ArtifactDeletion deletion;
    private final GcRun run;
    private final KeyTemplate template;
    private final int pageSize;

    Retention(MetadataStore store, CompiledConfig compiled, GcPolicy policy, ArtifactDeletion deletion, GcRun run) {
        this(store, compiled, policy, deletion, run, PAGE);
    }

    /** @param pageSize keys and index rows read per page (small in tests, to cross page boundaries) */
    Retention(MetadataStore store, CompiledConfig compiled, GcPolicy policy, ArtifactDeletion deletion, GcRun run,
              int pageSize) {
        this.store = store;
        this.compiled = compiled;
        this.policy = policy;
        this.deletion = deletion;
        this.run = run;
        this.template = compiled.config().model().require(DocumentRole.ARTIFACT_METADATA).key();
        this.pageSize = pageSize;
    }

    void run() {
        if (policy.keepLastNVersions() <= 0) {
            return;
        }
        IndexDefinition versions = compiled.config().model().versionsIndex().orElse(null);
        String prefix = template.prefix(run.namespace() == null ? Map.of() : Map.of("namespace", run.namespace()));
        if (versions == null || prefix.isEmpty()) {
            run.error("retention skipped: no index of the artifact metadata by namespace and name sorted"
                    + " by version, or a key template without a literal prefix");
            return;
        }
        ArtifactPackages.forEach(store, template, prefix, pageSize, run,
                (namespace, name) -> retain(versions, namespace, name));
    }

    private void retain(IndexDefinition versions, String namespace, String name) {
        Set<String> tagged = policy.keepTagsForever() ? taggedVersions(namespace, name) : Set.of();
        int distinct = 0;
        String previous = null;
        String cursor = null;
        do {
            IndexPage page = store.query(versions, new IndexQuery(List.of(namespace, name), pageSize, cursor, true));
            for (JsonNode row : page.rows()) {
                if (run.cancelRequested()) {
                    return;
                }
                String version = row.path("version").asText();
                if (!version.equals(previous)) {
                    distinct++;
                    previous = version;
                }
                if (distinct <= policy.keepLastNVersions() || tagged.contains(version)) {
                    run.artifactsKept.incrementAndGet();
                } else {
                    expire(row);
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
    }

    private void expire(JsonNode row) {
        Map<String, String> fields = new LinkedHashMap<>();
        row.fields().forEachRemaining(f -> fields.put(f.getKey(), f.getValue().asText()));
        String key;
        try {
            key = template.render(fields);
        } catch (IllegalArgumentException e) {
            run.error("retention: index row without a key: " + row);
            return;
        }
        if (run.dryRun()) {
            store.get(key).map(Json::parse).ifPresent(meta -> wouldExpire(key, meta));
            return;
        }
        try {
            ArtifactDeletion.Deleted deleted = deletion.delete(key, ArtifactDeletion.TagPolicy.REMOVE,
                    "gc:" + run.id(), "retention");
            run.artifactsDeleted.incrementAndGet();
            run.list(item(key, deleted.meta()));
        } catch (DomainException e) {
            // Deleted or re-tagged meanwhile: leave it to the next run.
            run.artifactsKept.incrementAndGet();
        } catch (RuntimeException e) {
            run.error("retention: " + key + ": " + e.getMessage());
        }
    }

    /** A dry run counts the artifact, and its blob's bytes when no other document references that blob. */
    private void wouldExpire(String key, JsonNode meta) {
        run.artifactsDeleted.incrementAndGet();
        ObjectNode item = item(key, meta);
        String digest = meta.path("blob_digest").asText("");
        boolean freesBlob = !digest.isEmpty() && store.blobReferrers(digest, 2).equals(List.of(key));
        item.put("frees_blob", freesBlob);
        if (freesBlob) {
            run.bytesFreed.addAndGet(meta.path("blob_size").asLong(0));
        }
        run.list(item);
    }

    private static ObjectNode item(String key, JsonNode meta) {
        ObjectNode item = Json.object();
        item.put("kind", "artifact");
        item.put("key", key);
        item.put("blob_digest", meta.path("blob_digest").asText(""));
        item.put("blob_size", meta.path("blob_size").asLong(0));
        return item;
    }

    private Set<String> taggedVersions(String namespace, String name) {
        Set<String> versions = new HashSet<>();
        for (ArtifactDeletion.Tag tag : deletion.tagsOf(namespace, name)) {
            Map<String, String> target = template.parse(tag.doc().path("target_key").asText(""));
            if (target != null && namespace.equals(target.get("namespace")) && name.equals(target.get("name"))) {
                versions.add(target.get("version"));
            }
        }
        return versions;
    }
}
