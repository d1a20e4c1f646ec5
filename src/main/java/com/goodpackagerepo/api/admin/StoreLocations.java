package com.goodpackagerepo.api.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.json.Json;
import com.goodpackagerepo.schema.KvStoreDef;
import com.goodpackagerepo.schema.RepositorySchema;
import com.goodpackagerepo.storage.engines.Stores;
import com.goodpackagerepo.storage.blob.BlobStore;
import com.goodpackagerepo.storage.blob.FilesystemBlobStore;
import com.goodpackagerepo.storage.blob.S3BlobStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the stores really are and what the blob stores hold: the schema's {@code root}s are resolved against the
 * server's data directory, and the metadata store is LMDB whatever {@code kind} the schema names, so the admin
 * pages show these rather than the schema's text. Counting blobs walks each store's directory.
 */
final class StoreLocations {
    private StoreLocations() {
    }

    static ObjectNode of(Stores stores, RepositorySchema schema) {
        ObjectNode out = Json.object();
        ObjectNode metadata = out.putObject("metadata");
        metadata.put("engine", "lmdb");
        metadata.put("root", stores.metadataRoot(schema).toString());
        metadata.put("schema_store", schema.metadataStore().map(KvStoreDef::name).orElse(null));
        ArrayNode blobs = out.putArray("blob_stores");
        for (Map.Entry<String, Path> e : stores.blobRoots().entrySet()) {
            ObjectNode item = blobs.addObject();
            item.put("name", e.getKey());
            BlobStore store = stores.blobStore(e.getKey());
            if (store instanceof S3BlobStore bucket) {
                item.put("kind", "s3");
                item.put("bucket", bucket.bucket());
                item.put("prefix", bucket.prefix());
                item.put("staging_root", e.getValue().toString());
                continue;
            }
            item.put("kind", "filesystem");
            item.put("root", e.getValue().toString());
            if (store instanceof FilesystemBlobStore files) {
                long[] usage = new long[2];
                try {
                    files.forEachBlob(blob -> {
                        usage[0]++;
                        usage[1] += blob.size();
                    });
                    item.put("blob_count", usage[0]);
                    item.put("bytes", usage[1]);
                } catch (IOException ex) {
                    item.putNull("blob_count");
                    item.putNull("bytes");
                }
            }
        }
        return out;
    }
}
