package com.goodpackagerepo.pipeline;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * The parts of an HTTP request a pipeline may read. Header names are lower case. The body is a stream
 * read at most once, by the op that needs it.
 *
 * @param pathParams    decoded values of the route's {field} segments
 * @param contentLength declared body length, or -1
 */
public record RequestData(String method, String path, Map<String, String> pathParams,
                          Map<String, List<String>> query, Map<String, List<String>> headers,
                          InputStream body, long contentLength) {

    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
