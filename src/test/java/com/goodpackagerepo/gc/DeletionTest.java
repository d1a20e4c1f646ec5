package com.goodpackagerepo.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goodpackagerepo.api.error.ErrorStatus;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.pipeline.PipelineResult;
import com.goodpackagerepo.storage.event.StoredEvent;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Admin deletion: one batch, tags refused unless forced, and the re-publish rule of immutable_after_publish. */
class DeletionTest {
    static final String KEY = "artifact/acme/app/1.0.0/x";

    @TempDir
    Path dir;

    @Test
    void deletesDocumentIndexRowAndWritesTombstoneAndEvent() {
        try (GcFixture f = new GcFixture(dir, s -> { })) {
            String digest = f.publish("acme", "app", "1.0.0", "x", "bytes");
            f.publish("acme", "app", "1.1.0", "x", "bytes 2");
            long events = f.metadata().length();
            ArtifactDeletion.Deleted deleted = f.deletion().delete(KEY, ArtifactDeletion.TagPolicy.REFUSE, "admin", "admin");
            assertEquals(KEY, deleted.key());
            assertTrue(f.metadata().get(KEY).isEmpty());
            assertEquals(List.of("1.1.0/x"), f.versions("acme", "app"));
            assertFalse(f.metadata().blobReferenced(digest));
            assertTrue(f.blobExists(digest), "bytes stay until the sweep");
            StoredEvent event = f.metadata().readAfter(events, 10).get(0);
            assertEquals("artifact.deleted", event.type());
            assertEquals(digest, event.payload().path("blob_digest").asText());
            assertEquals("admin", event.payload().path("by").asText());
            PipelineResult latest = f.harness.run("GET", "/v1/acme/app/latest", com.goodpackagerepo.pipeline.PipelineHarness.READER, null);
            assertEquals("1.1.0", assertInstanceOf(PipelineResult.JsonBody.class, latest).body().path("version").asText());
            DomainException again = assertThrows(DomainException.class,
                    () -> f.deletion().delete(KEY, ArtifactDeletion.TagPolicy.REFUSE, "admin", "admin"));
            assertEquals(404, ErrorStatus.of(again.code()));
        }
    }

    @Test
    void tagsPointingAtItRefuseUnlessForced() {
        try (GcFixture f = new GcFixture(dir, s -> { })) {
            f.publish("acme", "app", "1.0.0", "x", "bytes");
            f.publish("acme", "app", "1.0.0", "y", "other variant");
            f.tag("acme", "app", "stable", "1.0.0", "x");
            f.tag("acme", "app", "other", "1.0.0", "y");
            DomainException refused = assertThrows(DomainException.class,
                    () -> f.deletion().delete(KEY, ArtifactDeletion.TagPolicy.REFUSE, "admin", "admin"));
            assertEquals(409, ErrorStatus.of(refused.code()));
            assertTrue(refused.getMessage().contains("stable"));
            assertTrue(f.metadata().get(KEY).isPresent(), "nothing deleted");
            ArtifactDeletion.Deleted deleted = f.deletion().delete(KEY, ArtifactDeletion.TagPolicy.REMOVE, "admin", "admin");
            assertEquals(List.of("stable"), deleted.removedTags());
            assertTrue(f.metadata().get("tag/acme/app/stable").isEmpty());
            assertTrue(f.metadata().get("tag/acme/app/other").isPresent(), "a tag of another variant stays");
        }
    }

    @Test
    void immutableAfterPublishAllowsRepublishingOnlyTheSameContent() {
        try (GcFixture f = new GcFixture(dir, s -> { })) {
            f.publish("acme", "app", "1.0.0", "x", "original");
            f.deletion().delete(KEY, ArtifactDeletion.TagPolicy.REFUSE, "admin", "admin");
            PipelineResult.Failure other = assertInstanceOf(PipelineResult.Failure.class,
                    f.publishResult("acme", "app", "1.0.0", "x", "different"));
            assertEquals(409, ErrorStatus.of(other.error().code()));
            assertEquals("ALREADY_EXISTS", other.error().code().name());
            assertTrue(f.metadata().get(KEY).isEmpty());
            f.publish("acme", "app", "1.0.0", "x", "original");
            assertTrue(f.metadata().get(KEY).isPresent(), "the same bytes may come back");
        }
    }

    @Test
    void withoutImmutableAfterPublishADeletedKeyTakesNewContent() {
        try (GcFixture f = new GcFixture(dir, s -> ((com.fasterxml.jackson.databind.node.ObjectNode) s.path("gc")
                .path("retention")).put("immutable_after_publish", false))) {
            f.publish("acme", "app", "1.0.0", "x", "original");
            f.deletion().delete(KEY, ArtifactDeletion.TagPolicy.REFUSE, "admin", "admin");
            f.publish("acme", "app", "1.0.0", "x", "different");
        }
    }
}
