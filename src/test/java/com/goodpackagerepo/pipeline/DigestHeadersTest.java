package com.goodpackagerepo.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.goodpackagerepo.error.DomainException;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DigestHeadersTest {
    private static final String HEX = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

    @Test
    void queryForms() {
        assertEquals("sha256:" + HEX, DigestHeaders.fromQuery("sha256:" + HEX));
        assertEquals("sha256:" + HEX, DigestHeaders.fromQuery(HEX.toUpperCase()));
        assertNull(DigestHeaders.fromQuery(null));
        assertThrows(DomainException.class, () -> DigestHeaders.fromQuery("md5:abc"));
    }

    @Test
    void contentDigestHeader() {
        String b64 = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(HEX));
        assertEquals("sha256:" + HEX, DigestHeaders.fromContentDigest("sha-256=:" + b64 + ":"));
        assertEquals("sha256:" + HEX, DigestHeaders.fromContentDigest("sha-512=:AAAA:, sha-256=:" + b64 + ":"));
        assertNull(DigestHeaders.fromContentDigest("sha-512=:AAAA:"));
        assertThrows(DomainException.class, () -> DigestHeaders.fromContentDigest("sha-256=:AAAA:"));
        assertThrows(DomainException.class, () -> DigestHeaders.fromContentDigest("sha-256=nope"));
    }
}
