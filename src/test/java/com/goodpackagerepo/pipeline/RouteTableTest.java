package com.goodpackagerepo.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goodpackagerepo.api.error.ErrorStatus;
import com.goodpackagerepo.error.DomainException;
import org.junit.jupiter.api.Test;

class RouteTableTest {
    private final RouteTable table = TestContexts.compiled(TestContexts.seedSchema()).routes();

    @Test
    void findsTheShippedRoutes() {
        assertEquals("publish_artifact_blob", table.find("PUT", "/v1/a/b/1.0.0/x/blob").route().id());
        assertEquals("fetch_artifact_blob", table.find("GET", "/v1/a/b/1.0.0/x/blob").route().id());
        assertEquals("fetch_artifact_blob", table.find("HEAD", "/v1/a/b/1.0.0/x/blob").route().id());
        assertEquals("resolve_latest", table.find("GET", "/v1/a/b/latest").route().id());
        assertEquals("set_tag", table.find("PUT", "/v1/a/b/tags/t").route().id());
    }

    @Test
    void literalSegmentsWinOverFields() {
        RouteMatch proxy = table.find("GET", "/v1/proxy/a/b/1.0.0/x/blob");
        assertEquals("proxy_fallback_fetch_blob", proxy.route().id());
        assertEquals("a", proxy.pathParams().get("namespace"));
    }

    @Test
    void wrongMethodIs405WithAllowAndUnknownIs404() {
        DomainException notAllowed = assertThrows(DomainException.class, () -> table.find("DELETE", "/v1/a/b/1.0.0/x/blob"));
        assertEquals(405, ErrorStatus.of(notAllowed.code()));
        assertTrue(((com.goodpackagerepo.error.MethodNotAllowedException) notAllowed).allowedList().contains("PUT"));
        assertTrue(((com.goodpackagerepo.error.MethodNotAllowedException) notAllowed).allowedList().contains("HEAD"));
        assertEquals(404, ErrorStatus.of(assertThrows(DomainException.class, () -> table.find("GET", "/nothing/here")).code()));
    }
}
