package com.goodpackagerepo.download;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** A signed download link's parts: the blob, the name it is saved as, the expiry (epoch seconds), the HMAC. */
public record DownloadLink(String digest, String fileName, long expiresEpochSecond, String signature) {

    /** The link's path and query below the context root: {@code /downloads/<digest>?file=…&exp=…&sig=…}. */
    public String path() {
        return "/downloads/" + digest + "?file=" + URLEncoder.encode(fileName, StandardCharsets.UTF_8)
                + "&exp=" + expiresEpochSecond + "&sig=" + signature;
    }
}
