package com.goodpackagerepo.health;

import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.storage.blob.BlobStore;
import com.goodpackagerepo.storage.blob.S3BlobStore;
import com.goodpackagerepo.storage.engines.Stores;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while every S3 blob store's bucket answers (a HEAD on the bucket, within the client's bounded retries).
 * File system stores are covered by the disk-space check.
 */
@Readiness
@ApplicationScoped
public class BlobStoreReadinessCheck implements HealthCheck {
    @Inject
    Stores stores;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("blob-stores").up();
        boolean up = true;
        for (String name : stores.blobRoots().keySet()) {
            BlobStore store;
            try {
                store = stores.blobStore(name);
            } catch (DomainException e) {
                continue; // removed by a schema change meanwhile
            }
            if (store instanceof S3BlobStore bucket) {
                try {
                    bucket.checkBucket();
                    response.withData(name, "bucket " + bucket.bucket() + " reachable");
                } catch (DomainException e) {
                    up = false;
                    response.withData(name, e.getMessage());
                }
            }
        }
        return response.status(up).build();
    }
}
