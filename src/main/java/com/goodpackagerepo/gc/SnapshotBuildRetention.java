package com.goodpackagerepo.gc;

import com.goodpackagerepo.schema.DocumentRole;
import com.goodpackagerepo.schema.KeyTemplate;
import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.maven.MavenMetadataXml;
import com.goodpackagerepo.maven.MavenPath;
import com.goodpackagerepo.maven.MavenRepository;
import com.goodpackagerepo.maven.MavenSettings;
import com.goodpackagerepo.pipeline.CompiledConfig;
import com.goodpackagerepo.storage.MetadataStore;
import com.goodpackagerepo.storage.index.IndexDefinition;
import com.goodpackagerepo.storage.index.IndexPage;
import com.goodpackagerepo.storage.index.IndexQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The Maven part of {@code gc.retention}: per snapshot version ({@code 1.0-SNAPSHOT}), keeps the
 * {@code keep_snapshot_builds} newest timestamped builds ({@code 1.0-20261203.150405-7}) and deletes the files
 * of older builds like retention does ({@link ArtifactDeletion}, reason "snapshot retention"). The artifact model
 * has no repository dimension, so a snapshot build belongs to every snapshot repository: the largest
 * {@code keep_snapshot_builds} among them applies, and a repository that keeps every build (0) keeps them all.
 */
final class SnapshotBuildRetention {
    private static final int PAGE = 500;

    private final MetadataStore store;
    private final CompiledConfig compiled;
    private final ArtifactDeletion deletion;
    private final GcRun run;

    SnapshotBuildRetention(MetadataStore store, CompiledConfig compiled, ArtifactDeletion deletion, GcRun run) {
        this.store = store;
        this.compiled = compiled;
        this.deletion = deletion;
        this.run = run;
    }

    /** Builds kept per snapshot version, or 0 for all (also when no repository is a snapshot repository). */
    static int keep(MavenSettings.Section section) {
        int keep = 0;
        for (MavenRepository repository : section.repositories().values()) {
            if (repository.snapshots()) {
                if (repository.keepSnapshotBuilds() == 0) {
                    return 0;
                }
                keep = Math.max(keep, repository.keepSnapshotBuilds());
            }
        }
        return keep;
    }

    void run() {
        int keep = keep(MavenSettings.of(compiled.config().model()));
        IndexDefinition versions = compiled.config().model().versionsIndex().orElse(null);
        KeyTemplate template = compiled.config().model().require(DocumentRole.ARTIFACT_METADATA).key();
        String prefix = template.prefix(run.namespace() == null ? Map.of() : Map.of("namespace", run.namespace()));
        if (keep == 0 || versions == null || prefix.isEmpty()) {
            return;
        }
        ArtifactPackages.forEach(store, template, prefix, PAGE, run,
                (namespace, name) -> retain(versions, template, namespace, name, keep));
    }

    private void retain(IndexDefinition versions, KeyTemplate template, String namespace, String name, int keep) {
        Map<String, TreeSet<String>> buildsBySnapshot = new LinkedHashMap<>();
        List<JsonNode> rows = new ArrayList<>();
        String cursor = null;
        do {
            IndexPage page = store.query(versions, new IndexQuery(List.of(namespace, name), PAGE, cursor, true));
            for (JsonNode row : page.rows()) {
                String version = row.path("version").asText();
                String base = MavenPath.baseVersion(version);
                if (!base.equals(version) && base.endsWith("-SNAPSHOT")) {
                    buildsBySnapshot.computeIfAbsent(base, b -> new TreeSet<>(MavenMetadataXml.MAVEN_ORDER)).add(version);
                    rows.add(row);
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        for (JsonNode row : rows) {
            String version = row.path("version").asText();
            TreeSet<String> builds = buildsBySnapshot.get(MavenPath.baseVersion(version));
            if (builds.descendingSet().headSet(version, true).size() <= keep) {
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            row.fields().forEachRemaining(f -> fields.put(f.getKey(), f.getValue().asText()));
            String key = template.render(fields);
            if (run.dryRun()) {
                run.artifactsDeleted.incrementAndGet();
                continue;
            }
            try {
                deletion.delete(key, ArtifactDeletion.TagPolicy.REMOVE, "gc:" + run.id(), "snapshot retention");
                run.artifactsDeleted.incrementAndGet();
            } catch (DomainException e) {
                // Deleted meanwhile: nothing to do.
            } catch (RuntimeException e) {
                run.error("snapshot retention: " + key + ": " + e.getMessage());
            }
        }
    }
}
