package com.goodpackagerepo.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.auth.Authenticator;
import com.goodpackagerepo.catalog.Catalog;
import com.goodpackagerepo.download.DownloadLink;
import com.goodpackagerepo.download.DownloadSettings;
import com.goodpackagerepo.download.DownloadSigner;
import com.goodpackagerepo.observability.RepositoryMetrics;
import com.goodpackagerepo.auth.NamespacePermissions;
import com.goodpackagerepo.pipeline.CompiledConfig;
import com.goodpackagerepo.pipeline.CompiledConfigHolder;
import com.goodpackagerepo.storage.engines.Stores;
import com.goodpackagerepo.storage.blob.BlobRef;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Signed download links. {@code POST /downloads} (read scope; body {@code namespace, name, version, variant,
 * ttl_seconds?}) mints a link to that artifact's blob; {@code GET /downloads/{digest}?file=&exp=&sig=} streams the
 * blob to anyone holding an unexpired, untampered link: no bearer token, so a browser, {@code curl} or CI can use it.
 */
@Path("/downloads")
public class DownloadsResource {
    @Inject
    DownloadSettings settings;
    @Inject
    Catalog catalog;
    @Inject
    Stores stores;
    @Inject
    CompiledConfigHolder compiled;
    @Inject
    Authenticator authenticator;
    @Inject
    NamespacePermissions permissions;
    @Inject
    RepositoryMetrics metrics;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response mint(InputStream in) {
        CompiledConfig config = readableConfig();
        JsonNode body = JsonBodies.readObject(in);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("namespace", JsonBodies.requiredText(body, "namespace"));
        fields.put("name", JsonBodies.requiredText(body, "name"));
        fields.put("version", JsonBodies.requiredText(body, "version"));
        fields.put("variant", body.path("variant").isTextual() ? body.get("variant").asText() : "");
        var rules = config.artifactEntity();
        rules.normalize(fields);
        rules.validate(fields);
        permissions.requireRead(authenticator.principal(), config.config().model().auth(), fields.get("namespace"));
        Duration ttl = ttl(body.get("ttl_seconds"));
        JsonNode artifact = catalog.artifact(config, fields.get("namespace"), fields.get("name"), fields.get("version"),
                fields.get("variant")).orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "No artifact "
                + fields.get("namespace") + "/" + fields.get("name") + " " + fields.get("version")
                + (fields.get("variant").isEmpty() ? "" : " (" + fields.get("variant") + ")")));
        String digest = artifact.path("blob_digest").asText("");
        String file = fields.get("name") + "-" + fields.get("version")
                + (fields.get("variant").isEmpty() ? "" : "-" + fields.get("variant"));
        DownloadLink link = settings.signer().sign(digest, file, Instant.now(), ttl);
        return JsonBodies.ok(new Minted(true, link.path(), digest, artifact.path("blob_size"), link.fileName(),
                Instant.ofEpochSecond(link.expiresEpochSecond()).toString()));
    }

    /** The answer to {@code POST /downloads}: the signed link and what it downloads. */
    record Minted(boolean ok, String url, String digest, JsonNode size, @JsonProperty("file_name") String fileName,
                  @JsonProperty("expires_at") String expiresAt) {
    }

    @GET
    @Path("{digest}")
    public Response download(@PathParam("digest") String digest, @QueryParam("file") String file,
                             @QueryParam("exp") String exp, @QueryParam("sig") String sig) {
        switch (settings.signer().verify(digest, file, exp, sig, Instant.now())) {
            case VALID -> {
                // streamed below
            }
            case EXPIRED -> throw new DomainException(ErrorCode.FORBIDDEN, "This download link has expired: ask for a new one");
            case MALFORMED, BAD_SIGNATURE -> throw new DomainException(ErrorCode.FORBIDDEN, "This download link is not valid");
        }
        BlobRef blob = find(digest).orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "The blob is no longer stored"));
        StreamingOutput body = out -> {
            try (InputStream data = blob.open()) {
                data.transferTo(out);
            }
            metrics.blobBytesOut(blob.size());
        };
        return Response.ok(body, MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header("Content-Length", blob.size())
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .header("ETag", "\"" + blob.digest() + "\"")
                .header("Cache-Control", "private, no-store")
                .build();
    }

    private Optional<BlobRef> find(String digest) {
        for (String store : stores.blobRoots().keySet()) {
            try {
                Optional<BlobRef> blob = stores.blobStore(store).stat(digest);
                if (blob.isPresent()) {
                    return blob;
                }
            } catch (IOException e) {
                throw new DomainException(ErrorCode.INTERNAL_ERROR, "Blob store " + store + " could not be read");
            }
        }
        return Optional.empty();
    }

    private Duration ttl(JsonNode raw) {
        if (raw == null || raw.isNull()) {
            return settings.defaultTtl();
        }
        long max = settings.maxTtl().getSeconds();
        if (!raw.canConvertToLong() || !raw.isIntegralNumber() || raw.asLong() < 1 || raw.asLong() > max) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, "ttl_seconds must be a whole number from 1 to " + max);
        }
        return Duration.ofSeconds(raw.asLong());
    }

    /**
     * The same read check as the catalog: the read scope, a namespace grant, or anonymous reads when the server
     * allows them; the artifact's own namespace is checked once the body is read.
     */
    private CompiledConfig readableConfig() {
        CompiledConfig config = compiled.current();
        permissions.readable(authenticator.principal(), config.config().model().auth());
        return config;
    }
}
