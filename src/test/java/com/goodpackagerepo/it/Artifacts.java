package com.goodpackagerepo.it;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Helpers for publishing test artifacts. */
final class Artifacts {
    private Artifacts() {
    }

    static String blobPath(String ns, String name, String version, String variant) {
        return "/v1/" + ns + "/" + name + "/" + version + "/" + variant + "/blob";
    }

    static Http.Reply publish(String token, String ns, String name, String version, String variant, String content) {
        return Http.putBytes(blobPath(ns, name, version, variant), token, content.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
