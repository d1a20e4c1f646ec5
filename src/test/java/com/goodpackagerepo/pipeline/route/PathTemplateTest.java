package com.goodpackagerepo.pipeline.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.goodpackagerepo.error.DomainException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PathTemplateTest {
    private final PathTemplate blob = new PathTemplate("/v1/{namespace}/{name}/{version}/{variant}/blob");

    @Test
    void matchesAndDecodesFields() {
        Map<String, String> params = blob.match(PathTemplate.split("/v1/acme/app/1.0.0%2Bbuild/linux/blob"));
        assertEquals(Map.of("namespace", "acme", "name", "app", "version", "1.0.0+build", "variant", "linux"), params);
        assertEquals(2, blob.literalCount());
    }

    @Test
    void literalsAndSegmentCountsMustMatch() {
        assertNull(blob.match(PathTemplate.split("/v1/acme/app/1.0.0/linux/blobs")));
        assertNull(blob.match(PathTemplate.split("/v1/acme/app/1.0.0/blob")));
        assertNull(blob.match(PathTemplate.split("/v1/acme//1.0.0/linux/blob/x")));
    }

    @Test
    void encodedTraversalAndSeparatorsAreRefused() {
        for (String bad : List.of("%2e%2e", "..", ".", "a%2Fb", "a%5Cb", "a%00b", "%zz")) {
            assertThrows(DomainException.class, () -> blob.match(PathTemplate.split("/v1/ns/app/" + bad + "/x/blob")), bad);
        }
    }

    @Test
    void splitKeepsEmptySegments() {
        assertEquals(List.of("a", "", "b"), PathTemplate.split("/a//b"));
        assertEquals(List.of(), PathTemplate.split("/"));
    }
}
