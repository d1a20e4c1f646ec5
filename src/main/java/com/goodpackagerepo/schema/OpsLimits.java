package com.goodpackagerepo.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The schema's {@code ops.limits}, parsed once: each limit with the default that applies when it is not declared
 * (or not a number). The pipeline, the request dispatcher and the upload path read them here.
 *
 * @param declared the numeric limits as declared, by name
 */
public record OpsLimits(Map<String, Long> declared) {

    /** Reads {@code ops.limits}. */
    public static OpsLimits read(JsonNode limits) {
        Map<String, Long> declared = new LinkedHashMap<>();
        limits.fields().forEachRemaining(e -> {
            if (e.getValue().canConvertToLong()) {
                declared.put(e.getKey(), e.getValue().asLong());
            }
        });
        return new OpsLimits(Collections.unmodifiableMap(declared));
    }

    /** Limit {@code name}, or {@code fallback} when it is not declared. */
    public long value(String name, long fallback) {
        return declared.getOrDefault(name, fallback);
    }

    /** {@code max_request_body_bytes}: unlimited by default. */
    public long maxRequestBodyBytes() {
        return value("max_request_body_bytes", Long.MAX_VALUE);
    }

    /** {@code max_json_bytes}: the largest JSON body {@code parse.json} accepts (10 MiB by default). */
    public long maxJsonBytes() {
        return value("max_json_bytes", 10L * 1024 * 1024);
    }

    /** {@code max_kv_value_bytes}: the largest stored document (1 MiB by default). */
    public long maxKvValueBytes() {
        return value("max_kv_value_bytes", 1024 * 1024);
    }

    /** {@code max_cpu_ms_per_request}: 0 (the default) is unlimited. */
    public long maxCpuMsPerRequest() {
        return value("max_cpu_ms_per_request", 0);
    }

    /** {@code max_io_ops_per_request}: 0 (the default) is unlimited. */
    public long maxIoOpsPerRequest() {
        return value("max_io_ops_per_request", 0);
    }
}
