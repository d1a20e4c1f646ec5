import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.json.Json;
import com.goodpackagerepo.schema.RepositorySchema;
import com.goodpackagerepo.storage.WriteBatch;
import com.goodpackagerepo.storage.blob.BlobRef;
import com.goodpackagerepo.storage.blob.FilesystemBlobStore;
import com.goodpackagerepo.storage.index.IndexDefinition;
import com.goodpackagerepo.storage.lmdb.LmdbMetadataStore;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Bulk loader for bench row e: writes the rows the shipped publish pipeline writes (the artifact_meta document
 * with if-absent, the artifact_versions index row, the artifact.published event) through the server's own
 * storage classes, many artifacts per LMDB transaction instead of one, with the server STOPPED.
 *
 * <p>The data set: package bench/huge with H versions (0.0.0 … ; every 50th is a prerelease "-rc.1") and P
 * packages ns-(j % 100)/pkg-j with K versions 1.0.0 … 1.(K-1).0 each, variant linux-amd64. Artifacts point at
 * 64 small real blobs stored through FilesystemBlobStore (content-addressed, so sharing them is what the API
 * would do for identical content). Index definitions come from the schema through RepositorySchema, as the server reads them.
 *
 * <p>Run (classpath = the built server): java -cp target/classes:target/liberty/wlp/usr/shared/resources/gpr-lib/* \
 *   --add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED \
 *   bench/loader/BulkLoad.java DATA_DIR SCHEMA_JSON HUGE_VERSIONS PACKAGES VERSIONS_PER_PACKAGE
 * Prints one JSON line.
 */
public class BulkLoad {
    private static final int BATCH = 10_000;
    private static final String VARIANT = "linux-amd64";

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        JsonNode schema = Json.parse(Files.readAllBytes(Path.of(args[1])));
        int huge = Integer.parseInt(args[2]);
        int packages = Integer.parseInt(args[3]);
        int perPackage = Integer.parseInt(args[4]);

        IndexDefinition versions = indexDefinition(schema, "artifact_versions");
        JsonNode blobStore = schema.path("storage").path("blob_stores").path("primary");
        FilesystemBlobStore blobs = new FilesystemBlobStore(resolve(data, blobStore.path("root").asText()),
                blobStore.path("addressing").path("path_template").asText());
        List<BlobRef> refs = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            byte[] content = ("bench bulk-load blob " + i + "\n").repeat(4).getBytes(StandardCharsets.UTF_8);
            refs.add(blobs.put(new ByteArrayInputStream(content), Long.MAX_VALUE, 0, null));
        }

        long start = System.nanoTime();
        long total = 0;
        Instant created = Instant.parse("2026-01-01T00:00:00Z");
        try (LmdbMetadataStore store = new LmdbMetadataStore(resolve(data, schema.path("storage").path("kv_stores")
                .path("meta").path("root").asText()), 268_435_456L, 1L << 40)) {
            WriteBatch batch = store.newBatch();
            int inBatch = 0;
            for (int i = 0; i < huge + packages * perPackage; i++) {
                String ns;
                String name;
                String version;
                if (i < huge) {
                    ns = "bench";
                    name = "huge";
                    version = hugeVersion(i);
                } else {
                    int j = (i - huge) / perPackage;
                    ns = "ns-" + (j % 100);
                    name = "pkg-" + j;
                    version = "1." + ((i - huge) % perPackage) + ".0";
                }
                BlobRef blob = refs.get(i % refs.size());
                String at = created.plusMillis(i).toString();
                add(batch, versions, ns, name, version, blob, at);
                total++;
                if (++inBatch == BATCH) {
                    batch.commit();
                    batch = store.newBatch();
                    inBatch = 0;
                }
            }
            batch.commit();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("{\"artifacts\":%d,\"seconds\":%.1f,\"per_second\":%.0f}%n", total, seconds, total / seconds);
    }

    /** Version i of bench/huge: i/10000 . (i/100)%100 . i%100, every 50th a prerelease. */
    static String hugeVersion(int i) {
        String v = (i / 10000) + "." + ((i / 100) % 100) + "." + (i % 100);
        return i % 50 == 49 ? v + "-rc.1" : v;
    }

    /** The same three writes, in the same shapes, as the shipped publish_artifact_blob pipeline. */
    private static void add(WriteBatch batch, IndexDefinition versions, String ns, String name, String version,
                            BlobRef blob, String at) {
        ObjectNode doc = Json.object();
        doc.put("namespace", ns).put("name", name).put("version", version).put("variant", VARIANT)
                .put("blob_digest", blob.digest()).put("blob_size", blob.size())
                .put("created_at", at).put("created_by", "bench");
        batch.putDocument("artifact/" + ns + "/" + name + "/" + version + "/" + VARIANT, Json.bytes(doc),
                WriteBatch.Precondition.IF_ABSENT);
        ObjectNode row = Json.object();
        row.put("namespace", ns).put("name", name).put("version", version).put("variant", VARIANT)
                .put("blob_digest", blob.digest());
        batch.upsertIndex(versions, row);
        ObjectNode event = Json.object();
        event.put("namespace", ns).put("name", name).put("version", version).put("variant", VARIANT)
                .put("blob_digest", blob.digest()).put("blob_size", blob.size()).put("at", at).put("by", "bench");
        batch.appendEvent("artifact.published", event);
    }

    private static IndexDefinition indexDefinition(JsonNode schema, String name) {
        return RepositorySchema.read(schema).index(name);
    }

    /** A schema root "/data/x" names DATA_DIR/x, as StorageSettings.resolveRoot does. */
    private static Path resolve(Path data, String root) {
        return root.startsWith("/data") ? data.resolve(root.substring(5).replaceFirst("^/+", "")) : Path.of(root);
    }
}
