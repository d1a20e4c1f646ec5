package com.goodpackagerepo.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.goodpackagerepo.auth.Principal;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.json.Json;
import com.goodpackagerepo.storage.blob.BlobRef;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InterpolatorTest {
    private final PipelineContext ctx = TestContexts.context(new Principal("alice", Set.of("read"), "j", false));

    private Object resolve(String json) {
        return Interpolator.resolve(Json.parse(json), ctx);
    }

    @Test
    void wholeVariableKeepsItsType() {
        ctx.set("blob_size", LongNode.valueOf(42));
        assertEquals(LongNode.valueOf(42), resolve("\"$blob_size\""));
        JsonNode body = (JsonNode) resolve("{\"size\":\"$blob_size\"}");
        assertTrue(body.path("size").isIntegralNumber());
    }

    @Test
    void pathsAndIndexesNavigateJson() {
        ctx.set("rows", Json.parse("[{\"version\":\"2.0.0\"},{\"version\":\"1.0.0\"}]"));
        ctx.set("meta", Json.parse("{\"a\":{\"b\":\"deep\"}}"));
        assertEquals(TextNode.valueOf("2.0.0"), resolve("\"$rows[0].version\""));
        assertEquals(TextNode.valueOf("1.0.0"), resolve("\"$rows[1].version\""));
        assertEquals(TextNode.valueOf("deep"), resolve("\"$meta.a.b\""));
        assertNull(resolve("\"$rows[5].version\""));
        assertNull(resolve("\"$nothing\""));
    }

    @Test
    void embeddedReferencesBecomeText() {
        ctx.set("meta", Json.parse("{\"blob_digest\":\"sha256:ab\"}"));
        ctx.fields().put("namespace", "acme");
        assertEquals(TextNode.valueOf("\"sha256:ab\""), resolve("\"\\\"$meta.blob_digest\\\"\""));
        assertEquals(TextNode.valueOf("blob_resp/acme/x"), resolve("\"blob_resp/{namespace}/x\""));
    }

    @Test
    void bracesLookAtFieldsThenBodyThenVariables() {
        ctx.fields().put("name", "app");
        ctx.bodyFields().put("target_version", TextNode.valueOf("1.2.3"));
        ctx.bodyFields().put("name", TextNode.valueOf("shadowed"));
        assertEquals(TextNode.valueOf("artifact/app/1.2.3"), resolve("\"artifact/{name}/{target_version}\""));
        assertEquals(TextNode.valueOf("alice"), resolve("\"{principal.sub}\""));
    }

    @Test
    void eventPayloadResolvesToTheObject() {
        ctx.set("event", Json.parse("{\"payload\":{\"namespace\":\"n\"}}"));
        assertEquals(Json.parse("{\"namespace\":\"n\"}"), resolve("\"{event.payload}\""));
    }

    @Test
    void optionalBraceIsEmptyAndMissingRequiredIsAnError() {
        assertEquals(TextNode.valueOf("artifact/"), resolve("\"artifact/{variant?}\""));
        DomainException e = assertThrows(DomainException.class, () -> resolve("\"artifact/{variant}\""));
        assertTrue(e.getMessage().contains("{variant}"));
        assertThrows(DomainException.class, () -> resolve("\"x-$missing-y\""));
    }

    @Test
    void nonJsonValuesPassThrough() {
        BlobRef blob = new BlobRef("sha256:" + "a".repeat(64), 3, Path.of("/tmp/x"));
        ctx.set("blob", blob);
        assertSame(blob, resolve("\"$blob\""));
        JsonNode wrapped = (JsonNode) resolve("{\"body\":\"$blob\"}");
        assertSame(blob, PipelineValues.unwrap(wrapped.get("body")));
        assertTrue(!PipelineValues.isPureJson(wrapped));
    }

    @Test
    void anonymousPrincipalSubIsAnonymous() {
        PipelineContext anonymous = TestContexts.context(null);
        assertEquals(TextNode.valueOf("anonymous"), Interpolator.resolve(TextNode.valueOf("{principal.sub}"), anonymous));
    }
}
