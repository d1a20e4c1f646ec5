package com.goodpackagerepo.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.config.ConfigCompiler;
import com.goodpackagerepo.config.InvalidConfigException;
import com.goodpackagerepo.config.RepositoryConfig;
import com.goodpackagerepo.schema.RepositorySchema;
import com.goodpackagerepo.schema.UpstreamDef;
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
        build(RepositorySchema.read(schema));
    }

    void onConfig(@Observes RepositoryConfig config) {
        current = build(config.model());
    }

    private static Map<String, UpstreamSettings> build(RepositorySchema schema) {
        Map<String, UpstreamSettings> built = new LinkedHashMap<>();
        var config = ConfigProvider.getConfig();
        for (UpstreamDef upstream : schema.upstreams().values()) {
            try {
                built.put(upstream.name(), UpstreamSettings.of(UpstreamConfigOverrides.apply(upstream, config)));
            } catch (IllegalArgumentException ex) {
                throw new InvalidConfigException("val.upstreams at upstreams." + upstream.name() + ": " + ex.getMessage());
            }
        }
        return java.util.Collections.unmodifiableMap(built);
    }
}
