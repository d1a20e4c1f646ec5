package com.goodpackagerepo.backup;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.auth.jpa.ApiTokenRow;
import com.goodpackagerepo.auth.jpa.JpaTokenRepository;
import com.goodpackagerepo.auth.jpa.JpaUserRepository;
import com.goodpackagerepo.auth.jpa.RevokedTokenRow;
import com.goodpackagerepo.auth.jpa.SigningKeyRow;
import com.goodpackagerepo.auth.jpa.UserRow;
import com.goodpackagerepo.config.ConfigService;
import com.goodpackagerepo.config.RepositoryConfig;
import com.goodpackagerepo.json.Json;
import com.goodpackagerepo.storage.blob.S3BlobStore;
import com.goodpackagerepo.storage.engines.StorageSettings;
import com.goodpackagerepo.storage.engines.Stores;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Takes a consistent backup while the server serves: the metadata store first (an LMDB snapshot), then the
 * blobs (immutable and content-addressed, so every blob the snapshot references is already on disk), then the
 * database content. One backup at a time.
 */
@ApplicationScoped
public class BackupService {
    private static final Logger LOG = Logger.getLogger(BackupService.class.getName());
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    @Inject
    Stores stores;
    @Inject
    ConfigService configService;
    @Inject
    JpaUserRepository users;
    @Inject
    JpaTokenRepository tokens;
    @Inject
    StorageSettings storage;

    @Inject
    @ConfigProperty(name = "gpr.backup.dir")
    Optional<String> backupDir;

    /** Where backups go: {@code gpr.backup.dir}, else a {@code backups} directory beside the data directory. */
    public Path root() {
        return backupDir.filter(s -> !s.isBlank()).map(Path::of)
                .orElse(storage.dataDir().resolveSibling("backups")).toAbsolutePath().normalize();
    }

    public synchronized ObjectNode create(String by) {
        Instant now = Instant.now();
        BackupLayout layout = new BackupLayout(root().resolve(NAME.format(now) + "-" + UUID.randomUUID().toString().substring(0, 8)));
        try {
            Files.createDirectories(layout.lmdb());
            stores.metadata().copyTo(layout.lmdb());
            RepositoryConfig config = configService.current();
            long blobs = 0;
            for (Map.Entry<String, Path> store : stores.blobRoots(config.model()).entrySet()) {
                blobs += BlobTrees.linkOrCopy(store.getValue(), layout.blobs(store.getKey()));
            }
            // S3 stores: the objects are copied in, so a backup restores onto an empty bucket (docs/decisions.md)
            for (Map.Entry<String, S3BlobStore> store : stores.s3Stores(config.model()).entrySet()) {
                blobs += store.getValue().exportTo(layout.blobs(store.getKey()));
            }
            ObjectNode database = database(config);
            writePrivate(layout.database(), database.toString());
            ObjectNode manifest = Json.object();
            manifest.put("format", 1);
            manifest.put("created_at", now.toString());
            manifest.put("created_by", by);
            manifest.put("path", layout.root().toString());
            manifest.put("config_revision", config.revision());
            manifest.put("documents", stores.metadata().stats().entriesByDb().getOrDefault("docs", 0L));
            manifest.put("events", stores.metadata().length());
            manifest.put("blobs", blobs);
            manifest.put("users", database.path("users").size());
            manifest.put("api_tokens", database.path("api_tokens").size());
            Files.writeString(layout.manifest(), manifest.toPrettyString());
            LOG.info(() -> "backup written to " + layout.root() + " by " + by);
            return manifest;
        } catch (IOException e) {
            throw new UncheckedIOException("backup to " + layout.root() + " failed", e);
        }
    }

    public List<ObjectNode> list() {
        List<ObjectNode> manifests = new ArrayList<>();
        if (!Files.isDirectory(root())) {
            return manifests;
        }
        try (Stream<Path> dirs = Files.list(root())) {
            dirs.sorted().map(dir -> new BackupLayout(dir).manifest()).filter(Files::isRegularFile).forEach(m -> {
                try {
                    manifests.add((ObjectNode) Json.MAPPER.readTree(m.toFile()));
                } catch (IOException e) {
                    LOG.warning(() -> "unreadable backup manifest " + m);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return manifests;
    }

    private ObjectNode database(RepositoryConfig config) {
        ObjectNode db = Json.object();
        db.set("schema", config.schema());
        ArrayNode userList = db.putArray("users");
        for (UserRow u : users.allUsers()) {
            ObjectNode row = userList.addObject();
            row.put("username", u.getUsername());
            row.put("password_hash", u.getPasswordHash());
            ArrayNode scopes = row.putArray("scopes");
            u.getScopes().forEach(scopes::add);
            row.put("enabled", u.isEnabled());
            row.put("token_version", u.getTokenVersion());
            row.put("created_at", u.getCreatedAt());
            row.put("updated_at", u.getUpdatedAt());
        }
        ArrayNode keys = db.putArray("signing_keys");
        for (SigningKeyRow k : users.allKeys()) {
            ObjectNode row = keys.addObject();
            row.put("kid", k.getKid());
            row.put("algorithm", k.getAlgorithm());
            row.put("private_jwk", k.getPrivateJwk());
            row.put("created_at", k.getCreatedAt());
            if (k.getRetiredAt() != null) {
                row.put("retired_at", k.getRetiredAt());
            }
        }
        ArrayNode apiTokens = db.putArray("api_tokens");
        for (ApiTokenRow t : tokens.apiTokens(null)) {
            ObjectNode row = apiTokens.addObject();
            row.put("token_id", t.getTokenId());
            row.put("owner", t.getOwner());
            row.put("name", t.getName());
            ArrayNode scopes = row.putArray("scopes");
            t.getScopes().forEach(scopes::add);
            row.put("secret_sha256", t.getSecretSha256());
            row.put("created_at", t.getCreatedAt());
            if (t.getExpiresAt() != null) {
                row.put("expires_at", t.getExpiresAt());
            }
            if (!t.getNamespaces().isEmpty()) { // a restore must not widen a narrowed token
                ArrayNode namespaces = row.putArray("namespaces");
                t.getNamespaces().forEach(namespaces::add);
            }
        }
        // revoked session tokens that have not expired yet: a restore must not bring a logged-out token back
        ArrayNode revoked = db.putArray("revoked_tokens");
        for (RevokedTokenRow r : tokens.revokedSince(System.currentTimeMillis())) {
            revoked.addObject().put("jti", r.getJti()).put("expires_at", r.getExpiresAt()).put("revoked_at", r.getRevokedAt());
        }
        return db;
    }

    /** Password hashes and private keys: readable by the owner only. */
    static void writePrivate(Path file, String content) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, content);
    }
}
