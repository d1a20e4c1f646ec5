package com.goodpackagerepo.proxy;

import java.io.IOException;

/**
 * Reading an upstream body failed: it was cut short, reset, or stalled longer than the read timeout. It is
 * an {@link IOException} so it travels through the blob store's copy loop, and its own type so the
 * pipeline can tell an upstream's fault (502) from a local disk's.
 */
public class UpstreamBodyException extends IOException {
    public UpstreamBodyException(String message, Throwable cause) {
        super(message, cause);
    }
}
