package com.goodpackagerepo.health;

import com.goodpackagerepo.storage.StoreStats;
import com.goodpackagerepo.storage.engines.Stores;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the LMDB environment is open; reports how much of the map is used. */
@Readiness
@ApplicationScoped
public class MetadataStoreReadinessCheck implements HealthCheck {
    @Inject
    Stores stores;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("metadata-store");
        if (!stores.metadataOpen()) {
            return response.down().withData("error", "not open").build();
        }
        try {
            StoreStats stats = stores.metadata().stats();
            return response.up().withData("map_size_bytes", stats.mapSizeBytes())
                    .withData("used_bytes", stats.usedBytes())
                    .withData("max_map_size_bytes", stats.maxMapSizeBytes()).build();
        } catch (RuntimeException e) {
            return response.down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
