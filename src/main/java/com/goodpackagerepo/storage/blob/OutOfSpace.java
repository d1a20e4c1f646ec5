package com.goodpackagerepo.storage.blob;

import java.io.IOException;

/**
 * Recognises a write that failed because the file system is full (ENOSPC) or the quota is used up (EDQUOT):
 * Java reports both as a plain {@link IOException} carrying the operating system's message.
 */
final class OutOfSpace {
    private OutOfSpace() {
    }

    static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                String message = t.getMessage();
                if (message != null && (message.contains("No space left on device")
                        || message.contains("Disk quota exceeded"))) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
