package com.goodpackagerepo.proxy;

import com.goodpackagerepo.schema.UpstreamDef;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goodpackagerepo.json.Json;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What we read from and send in upstream headers: stated digests and credentials. */
class UpstreamHeadersTest {
    static final String HEX = "ab".repeat(32);

    @Test
    void statedDigestFromEtagOrDigestHeaders() {
        String b64 = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(HEX));
        assertEquals("sha256:" + HEX, stated(Map.of("ETag", "\"sha256:" + HEX + "\"")));
        assertEquals("sha256:" + HEX, stated(Map.of("Docker-Content-Digest", "sha256:" + HEX)));
        assertEquals("sha256:" + HEX, stated(Map.of("Content-Digest", "sha-256=:" + b64 + ":")));
        assertEquals("sha256:" + HEX, stated(Map.of("Digest", "SHA-256=" + b64)));
        assertEquals("sha256:" + HEX, stated(Map.of("Repr-Digest", "sha-256=:" + b64 + ":", "ETag", "\"v1\"")));
        assertNull(stated(Map.of("ETag", "W/\"sha256:" + HEX + "\"")), "a weak ETag is no digest");
        assertNull(stated(Map.of("ETag", "\"33a64df5\"")));
        assertNull(stated(Map.of()));
    }

    @Test
    void credentialsComeFromTheEnvironmentNamedByTheAuthSettings() {
        Map<String, String> env = Map.of("TOKEN", "t0k", "PASS", "s3cret", "KEY", "k3y");
        var bearer = UpstreamAuth.header(UpstreamDef.Auth.read(Json.parse("{\"mode\":\"bearer_token\",\"token_env\":\"TOKEN\"}")), env::get);
        assertEquals(Map.entry("Authorization", "Bearer t0k"), bearer.orElseThrow());
        var basic = UpstreamAuth.header(UpstreamDef.Auth.read(Json.parse("{\"mode\":\"basic\",\"username\":\"u\",\"password_env\":\"PASS\"}")), env::get);
        assertEquals("Basic " + Base64.getEncoder().encodeToString("u:s3cret".getBytes()), basic.orElseThrow().getValue());
        var apiKey = UpstreamAuth.header(UpstreamDef.Auth.read(Json.parse("{\"mode\":\"api_key\",\"header\":\"X-Key\",\"key_env\":\"KEY\"}")), env::get);
        assertEquals(Map.entry("X-Key", "k3y"), apiKey.orElseThrow());
        assertTrue(UpstreamAuth.header(UpstreamDef.Auth.read(Json.parse("{\"mode\":\"bearer_token\",\"token_env\":\"UNSET\"}")), env::get).isEmpty());
        assertTrue(UpstreamAuth.header(UpstreamDef.Auth.read(Json.parse("{\"mode\":\"none\"}")), env::get).isEmpty());
    }

    private static String stated(Map<String, String> headers) {
        return UpstreamDigests.stated(name -> headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null));
    }
}
