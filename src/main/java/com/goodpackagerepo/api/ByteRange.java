package com.goodpackagerepo.api;

/**
 * One satisfiable byte range of a {@code Range: bytes=...} header. Multiple ranges and other units are
 * answered with the whole body (RFC 9110 lets a server ignore Range); a syntactically valid but
 * unsatisfiable single range is {@link #UNSATISFIABLE}.
 */
public record ByteRange(long start, long length) {
    public static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

    /** The range to serve, {@link #UNSATISFIABLE}, or null for the whole body. */
    public static ByteRange parse(String header, long size) {
        if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
            return null;
        }
        String spec = header.substring("bytes=".length()).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String first = spec.substring(0, dash).trim();
            String last = spec.substring(dash + 1).trim();
            if (first.isEmpty()) {
                if (last.isEmpty()) {
                    return null;
                }
                long suffix = Long.parseLong(last);
                if (suffix <= 0 || size == 0) {
                    return UNSATISFIABLE;
                }
                long length = Math.min(suffix, size);
                return new ByteRange(size - length, length);
            }
            long start = Long.parseLong(first);
            long end = last.isEmpty() ? size - 1 : Math.min(Long.parseLong(last), size - 1);
            if (start < 0 || (!last.isEmpty() && Long.parseLong(last) < start)) {
                return null;
            }
            if (start >= size) {
                return UNSATISFIABLE;
            }
            return new ByteRange(start, end - start + 1);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
