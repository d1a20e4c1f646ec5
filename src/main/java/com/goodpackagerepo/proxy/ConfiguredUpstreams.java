package com.goodpackagerepo.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.config.ConfigCompiler;
import com.goodpackagerepo.config.InvalidConfigException;
import com.goodpackagerepo.config.RepositoryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The configured upstreams of the current revision, with deployment overrides applied. A candidate schema
 * whose upstreams cannot be built (bad base_url, an override out of bounds) is refused before it is stored.
 */
@ApplicationScoped
public class ConfiguredUpstreams implements ConfigCompiler {
    private volatile Map<String, UpstreamSettings> current = Map.of();

    public Optional<UpstreamSettings> get(String name) {
        return Optional.ofNullable(current.get(name));
    }

    public Collection<UpstreamSettings> all() {
        return current.values();
    }

    @Override
    public void check(JsonNode schema) {
        build(schema);
    }

    void onConfig(@Observes RepositoryConfig config) {
        current = build(config.schema());
    }

    private static Map<String, UpstreamSettings> build(JsonNode schema) {
        Map<String, UpstreamSettings> built = new LinkedHashMap<>();
        var config = ConfigProvider.getConfig();
        schema.path("upstreams").fields().forEachRemaining(e -> {
            try {
                built.put(e.getKey(), UpstreamSettings.of(e.getKey(), UpstreamConfigOverrides.apply(e.getKey(), e.getValue(), config)));
            } catch (IllegalArgumentException ex) {
                String path = "upstreams." + e.getKey();
                throw new InvalidConfigException("val.upstreams at " + path + ": " + ex.getMessage());
            }
        });
        return java.util.Collections.unmodifiableMap(built);
    }
}
