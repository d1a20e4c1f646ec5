package com.goodpackagerepo.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.schema.RepositorySchema;
import com.goodpackagerepo.auth.jpa.ApiTokenRow;
import com.goodpackagerepo.auth.jpa.JpaTokenRepository;
import com.goodpackagerepo.auth.jpa.JpaUserRepository;
import com.goodpackagerepo.auth.jpa.RevokedTokenRow;
import com.goodpackagerepo.auth.jpa.SigningKeyRow;
import com.goodpackagerepo.auth.jpa.UserRow;
import com.goodpackagerepo.config.jpa.JpaConfigRepository;
import com.goodpackagerepo.json.Json;
import com.goodpackagerepo.storage.blob.S3BlobStore;
import com.goodpackagerepo.storage.engines.Stores;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Restores a backup on a fresh install at start-up, when {@code gpr.restore.from} (env GPR_RESTORE_FROM) names a
 * backup directory: the metadata store and the blobs go back in place first, the database content last. An
 * install that already has a configuration or users is never overwritten (the setting is then ignored with a
 * warning), so leaving the variable set is harmless.
 */
@ApplicationScoped
public class BackupRestorer {
    private static final Logger LOG = Logger.getLogger(BackupRestorer.class.getName());

    @Inject
    JpaConfigRepository config;
    @Inject
    JpaUserRepository users;
    @Inject
    JpaTokenRepository tokens;
    @Inject
    Stores stores;

    @Inject
    @ConfigProperty(name = "gpr.restore.from")
    Optional<String> restoreFrom;

    public void restoreIfRequested() {
        Optional<String> from = restoreFrom.filter(s -> !s.isBlank());
        if (from.isEmpty()) {
            return;
        }
        if (config.load().isPresent() || users.countUsers() > 0) {
            LOG.warning(() -> "gpr.restore.from is set but this install is not fresh; nothing restored");
            return;
        }
        BackupLayout layout = new BackupLayout(Path.of(from.get()).toAbsolutePath().normalize());
        try {
            JsonNode database = Json.MAPPER.readTree(layout.database().toFile());
            JsonNode schema = database.path("schema");
            RepositorySchema model = RepositorySchema.read(schema);
            restoreMetadata(layout, stores.metadataRoot(model));
            long blobs = 0;
            for (Map.Entry<String, Path> store : stores.blobRoots(model).entrySet()) {
                blobs += BlobTrees.linkOrCopy(layout.blobs(store.getKey()), store.getValue());
            }
            for (Map.Entry<String, S3BlobStore> store : stores.s3Stores(model).entrySet()) {
                blobs += store.getValue().importFrom(layout.blobs(store.getKey()));
            }
            config.replace(schema, 0, "restore");
            for (JsonNode u : database.path("users")) {
                users.insert(UserRow.restored(u.path("username").asText(), u.path("password_hash").asText(), strings(u.path("scopes")),
                        u.path("enabled").asBoolean(), u.path("token_version").asInt(), u.path("created_at").asLong(),
                        u.path("updated_at").asLong()));
            }
            for (JsonNode k : database.path("signing_keys")) {
                users.insertKey(SigningKeyRow.restored(k.path("kid").asText(), k.path("algorithm").asText(),
                        k.path("private_jwk").asText(), k.path("created_at").asLong(),
                        k.has("retired_at") ? k.path("retired_at").asLong() : null));
            }
            for (JsonNode t : database.path("api_tokens")) {
                tokens.insertApiToken(new ApiTokenRow(t.path("token_id").asText(), t.path("owner").asText(),
                        t.path("name").asText(), strings(t.path("scopes")), t.path("secret_sha256").asText(),
                        t.path("created_at").asLong(), t.has("expires_at") ? t.path("expires_at").asLong() : null,
                        List.copyOf(strings(t.path("namespaces")))));
            }
            for (JsonNode r : database.path("revoked_tokens")) {
                tokens.insertRevoked(new RevokedTokenRow(r.path("jti").asText(), r.path("expires_at").asLong(),
                        r.path("revoked_at").asLong()));
            }
            long restoredBlobs = blobs;
            LOG.warning(() -> "restored backup " + layout.root() + " (" + restoredBlobs + " blobs, "
                    + database.path("users").size() + " users)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore backup " + layout.root(), e);
        }
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new LinkedHashSet<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static void restoreMetadata(BackupLayout layout, Path target) throws IOException {
        Path snapshot = layout.lmdb().resolve("data.mdb");
        if (!Files.isRegularFile(snapshot)) {
            throw new IOException("backup has no metadata snapshot: " + snapshot);
        }
        Files.createDirectories(target);
        if (Files.exists(target.resolve("data.mdb")) && Files.size(target.resolve("data.mdb")) > 0) {
            throw new IOException("metadata store " + target + " is not empty; restore only into a fresh install");
        }
        Files.deleteIfExists(target.resolve("lock.mdb"));
        Files.copy(snapshot, target.resolve("data.mdb"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
