package com.goodpackagerepo.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BlobCacheIndexTest {

    @Test
    void victimsAreLeastRecentlyUsedFirstUntilUnderTheBound() {
        BlobCacheIndex index = new BlobCacheIndex();
        index.addCached("artifact/a", "d1", 100);
        index.addCached("artifact/b", "d2", 100);
        index.addCached("artifact/c", "d3", 100);
        assertEquals(300, index.bytes());
        assertTrue(index.accessed("d1", true));
        assertEquals(List.of("d2", "d3"), digests(index.victims(100)));
        assertEquals(List.of(), index.victims(300));
    }

    @Test
    void withoutRefreshTheOrderIsTheOrderOfCaching() {
        BlobCacheIndex index = new BlobCacheIndex();
        index.addCached("artifact/a", "d1", 100);
        index.addCached("artifact/b", "d2", 100);
        assertTrue(index.accessed("d1", false), "still a hit");
        assertEquals(List.of("d1"), digests(index.victims(150)));
    }

    @Test
    void aBlobCountsOnceForAllProxiedArtifactsThatShareIt() {
        BlobCacheIndex index = new BlobCacheIndex();
        index.addCached("artifact/a", "d1", 100);
        index.addCached("artifact/b", "d1", 100);
        assertEquals(100, index.bytes());
        assertEquals(Set.of("artifact/a", "artifact/b"), index.victims(0).get(0).keys());
    }

    @Test
    void publishedBlobsAreNeverCacheNorVictims() {
        BlobCacheIndex index = new BlobCacheIndex();
        index.addCached("artifact/a", "d1", 100);
        index.markPublished("d1");
        assertEquals(0, index.bytes());
        assertEquals(List.of(), index.victims(0));
        assertFalse(index.addCached("artifact/b", "d1", 100), "a proxied copy of published bytes is not cache");
        assertFalse(index.accessed("d1", true));
        assertTrue(index.isPublished("d1"));
    }

    @Test
    void removedEntriesGiveBackTheirBytes() {
        BlobCacheIndex index = new BlobCacheIndex();
        index.addCached("artifact/a", "d1", 100);
        index.addCached("artifact/b", "d2", 50);
        index.removed("d1");
        assertEquals(50, index.bytes());
        assertEquals(1, index.entries());
    }

    private static List<String> digests(List<BlobCacheIndex.Entry> entries) {
        return entries.stream().map(BlobCacheIndex.Entry::digest).toList();
    }

    @Test
    void aDeletedArtifactLeavesTheIndexWhenItWasTheLastToReferenceItsBlob() {
        BlobCacheIndex index = new BlobCacheIndex();
        index.addCached("artifact/a", "d1", 100);
        index.addCached("artifact/b", "d1", 100);
        index.addCached("artifact/c", "d2", 50);
        assertFalse(index.forget("artifact/a", "d1"), "artifact/b still references d1");
        assertEquals(150, index.bytes());
        assertFalse(index.forget("artifact/x", "d2"), "not one of d2's artifacts");
        assertTrue(index.forget("artifact/b", "d1"));
        assertEquals(50, index.bytes());
        assertEquals(1, index.entries());
        assertFalse(index.forget("artifact/b", "d1"), "forgotten already");
    }
}
