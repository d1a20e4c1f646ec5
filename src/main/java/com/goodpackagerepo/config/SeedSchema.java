package com.goodpackagerepo.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The schema imported on first start: a file named by configuration, else the one shipped in the WAR. */
public record SeedSchema(String origin, Path file) {
    static final String BUNDLED = "seed/schema.json";

    public static SeedSchema of(String configuredPath) {
        if (configuredPath == null || configuredPath.isBlank()) {
            return new SeedSchema("classpath:" + BUNDLED, null);
        }
        return new SeedSchema(configuredPath, Path.of(configuredPath));
    }

    public JsonNode read() {
        try (InputStream in = file == null
                ? SeedSchema.class.getClassLoader().getResourceAsStream(BUNDLED)
                : Files.newInputStream(file)) {
            if (in == null) {
                throw new IllegalStateException("seed schema not found: " + origin);
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read seed schema " + origin, e);
        }
    }
}
