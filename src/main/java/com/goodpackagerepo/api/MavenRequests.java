package com.goodpackagerepo.api;

import com.goodpackagerepo.schema.CachingDef;
import com.goodpackagerepo.schema.AuthDef;
import com.goodpackagerepo.schema.RouteDef;
import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.api.error.ErrorResponses;
import com.goodpackagerepo.auth.AuthSettings;
import com.goodpackagerepo.auth.Authenticator;
import com.goodpackagerepo.auth.Principal;
import com.goodpackagerepo.cache.ResponseCache;
import com.goodpackagerepo.gc.ArtifactDeletion;
import com.goodpackagerepo.maven.ChecksumAlgorithm;
import com.goodpackagerepo.maven.InvalidMavenPathException;
import com.goodpackagerepo.maven.MavenChecksums;
import com.goodpackagerepo.maven.MavenCoordinates;
import com.goodpackagerepo.maven.MavenIndex;
import com.goodpackagerepo.maven.MavenMetadataXml;
import com.goodpackagerepo.maven.MavenPath;
import com.goodpackagerepo.maven.MavenRepository;
import com.goodpackagerepo.maven.MavenSettings;
import com.goodpackagerepo.maven.UploadedMetadata;
import com.goodpackagerepo.auth.NamespaceAccess;
import com.goodpackagerepo.auth.NamespaceAction;
import com.goodpackagerepo.auth.NamespacePermissions;
import com.goodpackagerepo.auth.ScopePolicy;
import com.goodpackagerepo.pipeline.PipelineContext;
import com.goodpackagerepo.pipeline.PipelineExecutor;
import com.goodpackagerepo.pipeline.PipelineResult;
import com.goodpackagerepo.pipeline.RequestData;
import com.goodpackagerepo.pipeline.CompiledConfig;
import com.goodpackagerepo.pipeline.CompiledConfigHolder;
import com.goodpackagerepo.pipeline.RouteMatch;
import com.goodpackagerepo.proxy.UpstreamClient;
import com.goodpackagerepo.proxy.UpstreamResponse;
import com.goodpackagerepo.proxy.UpstreamSettings;
import com.goodpackagerepo.proxy.ConfiguredUpstreams;
import com.goodpackagerepo.storage.engines.Stores;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import com.goodpackagerepo.api.error.ErrorStatus;
import com.goodpackagerepo.error.MethodNotAllowedException;
import com.goodpackagerepo.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Answers {@code /maven/{repository}/…} (docs/maven.md). Artifact files are served and stored by running the
 * configured fetch and publish routes ({@code maven.fetch_route}, {@code maven.publish_route}) through the same
 * dispatcher as {@code /v1/…}, so a Maven deploy writes the same documents, index rows and events, is checked by
 * the same pipeline and lands in the same content-addressed blob store; metadata and checksums are generated from
 * the index and the stored bytes. Checksum and metadata uploads are checked against what the server computed and
 * are never stored.
 */
@ApplicationScoped
public class MavenRequests {
    private static final int MAX_SMALL_UPLOAD = 1 << 20;

    @Inject
    MavenSettings settings;
    @Inject
    CompiledConfigHolder compiled;
    @Inject
    RouteDispatcher dispatcher;
    @Inject
    PipelineExecutor executor;
    @Inject
    Authenticator authenticator;
    @Inject
    AuthSettings authSettings;
    @Inject
    NamespacePermissions permissions;
    @Inject
    Stores stores;
    @Inject
    MavenChecksums checksums;
    @Inject
    ResponseCache responseCache;
    @Inject
    ConfiguredUpstreams upstreams;
    @Inject
    UpstreamClient upstreamClient;
    @Inject
    com.goodpackagerepo.gc.GcConfigOverrides gcSettings;

    /** Checksums of the metadata a client uploaded last, by path, to check the checksum files it uploads next. */
    @Inject
    UploadedMetadata uploadedMetadata;

    /** @param rest the path below the repository, decoded, without a leading slash */
    public RouteDispatcher.Answer handle(String repositoryName, String rest, RequestData request) {
        MavenRepository repository = settings.current().repository(repositoryName)
                .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "No Maven repository " + repositoryName
                        + "; configured: " + settings.current().repositories().keySet()));
        boolean write = request.method().equals("PUT");
        if (!write && !request.method().equals("GET") && !request.method().equals("HEAD")) {
            throw new MethodNotAllowedException("Maven repositories answer GET, HEAD and PUT",
                    new java.util.LinkedHashSet<>(List.of("GET", "HEAD", "PUT")));
        }
        CompiledConfig config = compiled.current();
        NamespaceAccess access = admit(config, write);
        try {
            MavenPath path = MavenPath.parse(rest);
            requireNamespace(access, path, write, config);
            if (path instanceof MavenPath.ArtifactFile file) {
                if (!repository.accepts(file.baseVersion())) {
                    String message = "Repository " + repository.name() + " holds " + (repository.snapshots()
                            ? "-SNAPSHOT versions only" : "release versions only (no -SNAPSHOT)");
                    throw write ? new InvalidMavenPathException(message) : new DomainException(ErrorCode.NOT_FOUND, message);
                }
                return write ? putFile(repository, file, rest, request, config) : getFile(repository, file, rest, request, config);
            }
            return local(request, write ? putMetadata(repository, path, rest, request, config)
                    : getMetadata(repository, path, rest, config));
        } catch (InvalidMavenPathException e) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, e.getMessage());
        }
    }

    /** 401/403 unless the caller may read (write) somewhere: by scope, by a namespace grant, or anonymously. */
    private NamespaceAccess admit(CompiledConfig config, boolean write) {
        Principal principal = authenticator.principal();
        String scope = write ? "write" : "read";
        if (principal == null || principal.anonymous()) {
            if (write || !authSettings.allowAnonymousRead()) {
                throw new DomainException(ErrorCode.UNAUTHORIZED, "Authentication required");
            }
        }
        AuthDef auth = config.config().model().auth();
        NamespaceAccess access = permissions.of(principal, auth);
        if (principal != null && !principal.anonymous() && !ScopePolicy.satisfies(auth, principal.scopes(), scope)
                && !access.grantedSomewhere(write ? NamespaceAction.WRITE : NamespaceAction.READ)) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Missing scope " + scope);
        }
        return access;
    }

    /**
     * The groupId is the namespace: 403 unless the caller may read (write) it. Artifact files are checked again
     * by the routes they run through; metadata is answered here, so this is its only check.
     */
    private static void requireNamespace(NamespaceAccess access, MavenPath path, boolean write, CompiledConfig config) {
        String namespace;
        try {
            namespace = MavenCoordinates.packageFields(path.groupId(), "x", config.artifactEntity()).get("namespace");
        } catch (DomainException | InvalidMavenPathException e) {
            return; // not a namespace the store can hold: the request fails on its own coordinates
        }
        NamespaceAction action = write ? NamespaceAction.WRITE : NamespaceAction.READ;
        if (!access.allows(namespace, action)) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Your scopes and grants do not allow " + action.id()
                    + " on namespace " + namespace);
        }
    }

    // ---- artifact files -------------------------------------------------------------------------------------

    private RouteDispatcher.Answer getFile(MavenRepository repository, MavenPath.ArtifactFile file, String rest, RequestData request,
                             CompiledConfig config) {
        MavenIndex index = new MavenIndex(stores.metadata(), config);
        MavenPath.ArtifactFile resolved = file.unresolvedSnapshot() ? newestBuild(file, index, config) : file;
        Map<String, String> fields = MavenCoordinates.fields(resolved, config.artifactEntity());
        if (file.checksum() != null) {
            Optional<JsonNode> meta = index.meta(fields);
            if (meta.isEmpty() && repository.upstream() != null) {
                cacheFromUpstream(repository, resolved.withoutChecksum(), rest.substring(0, rest.length()
                        - file.checksum().suffix().length()), fields, config);
                meta = index.meta(fields);
            }
            String digest = meta.map(m -> m.path("blob_digest").asText()).orElseThrow(() -> notFound(rest));
            String hex = checksums.of(digest).orElseThrow(() -> notFound(rest)).get(file.checksum());
            return local(request, text(hex, "text/plain"));
        }
        RouteDispatcher.Answer answer = dispatcher.dispatch(generic(config, settings.current().fetchRoute(), "GET", fields, request,
                request.body()));
        if (ResultWriter.status(answer.result()) == 404 && repository.upstream() != null
                && cacheFromUpstream(repository, resolved, rest, fields, config)) {
            answer = dispatcher.dispatch(generic(config, settings.current().fetchRoute(), "GET", fields, request, null));
        }
        return answer;
    }

    /** {@code lib-1.0-SNAPSHOT.jar}: the newest timestamped build that has this classifier and extension. */
    private static MavenPath.ArtifactFile newestBuild(MavenPath.ArtifactFile file, MavenIndex index, CompiledConfig config) {
        Map<String, String> pkg = MavenCoordinates.packageFields(file.groupId(), file.artifactId(),
                config.artifactEntity());
        String variant = MavenCoordinates.fields(file, config.artifactEntity()).get("variant");
        return index.rows(pkg.get("namespace"), pkg.get("name")).stream()
                .filter(r -> r.variant().equals(variant) && file.baseVersion().equals(baseVersion(r.version())))
                .map(MavenIndex.Row::version)
                .max(MavenMetadataXml.MAVEN_ORDER)
                .map(file::withVersion)
                .orElse(file);
    }

    private RouteDispatcher.Answer putFile(MavenRepository repository, MavenPath.ArtifactFile file, String rest, RequestData request,
                             CompiledConfig config) {
        Map<String, String> fields = MavenCoordinates.fields(file, config.artifactEntity());
        MavenIndex index = new MavenIndex(stores.metadata(), config);
        if (file.checksum() != null) {
            String uploaded = smallBody(request);
            String digest = index.meta(fields).map(m -> m.path("blob_digest").asText())
                    .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "No stored file for checksum " + rest
                            + "; upload the file first"));
            String hex = checksums.of(digest).orElseThrow(() -> notFound(rest)).get(file.checksum());
            return local(request, checkedChecksum(uploaded, hex, rest));
        }
        Optional<JsonNode> existing = index.meta(fields);
        if (existing.isPresent()) {
            if (!repository.redeploy()) {
                throw new DomainException(ErrorCode.ALREADY_EXISTS, file.fileName() + " is already deployed to "
                        + repository.name() + " and releases are immutable");
            }
            // Checked before anything is deleted: with immutable_after_publish a deleted key may only come back
            // with its old bytes, so replacing it would delete the file and then refuse the new one.
            if (gcSettings.policy(config.config().model()).immutableAfterPublish()) {
                throw new DomainException(ErrorCode.ALREADY_EXISTS, file.fileName() + " is already deployed to "
                        + repository.name() + "; it cannot be replaced while gc.retention.immutable_after_publish is"
                        + " on (deploy a new timestamped build instead)");
            }
            try {
                new ArtifactDeletion(stores.metadata(), config, responseCache::invalidateEverywhere).delete(index.key(fields),
                        ArtifactDeletion.TagPolicy.REMOVE, principalName(), "maven redeploy");
            } catch (DomainException e) {
                if (e.code() != ErrorCode.NOT_FOUND) {
                    throw e;
                }
            }
        }
        MavenChecksums.Digesting body = new MavenChecksums.Digesting(request.body());
        RouteDispatcher.Answer answer = dispatcher.dispatch(generic(config, settings.current().publishRoute(), "PUT",
                fields, request, body));
        if (ResultWriter.status(answer.result()) / 100 == 2) {
            checksums.remember(body.checksums());
        }
        return answer;
    }

    private PipelineResult checkedChecksum(String uploaded, String hex, String rest) {
        if (!MavenChecksums.matches(uploaded, hex)) {
            throw new DomainException(ErrorCode.DIGEST_MISMATCH, "Checksum " + rest + " states "
                    + abbreviate(uploaded.strip()) + " but the stored bytes' checksum is " + hex);
        }
        return new PipelineResult.JsonBody(201, Map.of(), Json.object().put("ok", true));
    }

    // ---- metadata -------------------------------------------------------------------------------------------

    private PipelineResult getMetadata(MavenRepository repository, MavenPath path, String rest, CompiledConfig config) {
        Optional<byte[]> xml = generate(repository, path, config);
        if (xml.isEmpty()) {
            if (repository.upstream() != null) {
                return upstreamPassThrough(repository, rest);
            }
            throw notFound(rest);
        }
        if (path.checksum() != null) {
            return text(MavenChecksums.of(xml.get()).get(path.checksum()), "text/plain");
        }
        return new PipelineResult.Bytes(200, Map.of("Content-Type", "application/xml"), xml.get());
    }

    /** Metadata generated from the index; empty when the repository holds nothing for the path. */
    private Optional<byte[]> generate(MavenRepository repository, MavenPath path, CompiledConfig config) {
        MavenIndex index = new MavenIndex(stores.metadata(), config);
        Map<String, String> pkg = MavenCoordinates.packageFields(path.groupId(), path.artifactId(),
                config.artifactEntity());
        List<MavenIndex.Row> rows = index.rows(pkg.get("namespace"), pkg.get("name")).stream()
                .filter(r -> repository.accepts(baseVersion(r.version()))).toList();
        if (path instanceof MavenPath.SnapshotMetadata snapshot) {
            List<MavenMetadataXml.BuildFile> files = new ArrayList<>();
            for (MavenIndex.Row row : rows) {
                if (snapshot.baseVersion().equals(baseVersion(row.version()))) {
                    String[] parts = split(row.variant());
                    files.add(new MavenMetadataXml.BuildFile(row.version(), parts[0], parts[1]));
                }
            }
            return files.isEmpty() ? Optional.empty() : Optional.of(MavenMetadataXml.bytes(MavenMetadataXml.snapshotLevel(
                    path.groupId(), path.artifactId(), snapshot.baseVersion(), files)));
        }
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<String> versions = rows.stream().map(r -> baseVersion(r.version())).distinct().toList();
        MavenIndex.Row newest = rows.stream().max((a, b) -> MavenMetadataXml.MAVEN_ORDER.compare(a.version(), b.version()))
                .orElseThrow();
        Map<String, String> newestFields = new LinkedHashMap<>(pkg);
        newestFields.put("version", newest.version());
        newestFields.put("variant", newest.variant());
        String lastUpdated = index.meta(newestFields).map(MavenIndex::lastUpdated).orElse(null);
        return Optional.of(MavenMetadataXml.bytes(MavenMetadataXml.artifactLevel(path.groupId(), path.artifactId(),
                versions, lastUpdated)));
    }

    private PipelineResult putMetadata(MavenRepository repository, MavenPath path, String rest, RequestData request,
                                 CompiledConfig config) {
        String key = repository.name() + "/" + rest;
        if (path.checksum() != null) {
            String uploaded = smallBody(request);
            String metadataKey = key.substring(0, key.length() - path.checksum().suffix().length());
            Map<ChecksumAlgorithm, String> sums = uploadedMetadata.find(metadataKey).orElseGet(() ->
                    generate(repository, path, config).map(MavenChecksums::of)
                            .orElseThrow(() -> notFound(rest.substring(0, rest.length() - path.checksum().suffix().length()))));
            return checkedChecksum(uploaded, sums.get(path.checksum()), rest);
        }
        byte[] bytes = readSmall(request);
        MavenMetadataXml.Uploaded uploaded = MavenMetadataXml.parse(bytes);
        if (!path.groupId().equals(uploaded.groupId()) || !path.artifactId().equals(uploaded.artifactId())) {
            throw new InvalidMavenPathException("maven-metadata.xml names " + uploaded.groupId() + ":"
                    + uploaded.artifactId() + " but is uploaded to " + path.groupId() + ":" + path.artifactId());
        }
        MavenIndex index = new MavenIndex(stores.metadata(), config);
        Map<String, String> pkg = MavenCoordinates.packageFields(path.groupId(), path.artifactId(),
                config.artifactEntity());
        Set<String> stored = new LinkedHashSet<>();
        index.rows(pkg.get("namespace"), pkg.get("name")).forEach(r -> {
            stored.add(r.version());
            stored.add(baseVersion(r.version()));
        });
        List<String> claimed = new ArrayList<>(uploaded.versions());
        claimed.addAll(uploaded.snapshotValues());
        if (path instanceof MavenPath.SnapshotMetadata snapshot && uploaded.version() != null
                && !snapshot.baseVersion().equals(uploaded.version())) {
            throw new InvalidMavenPathException("maven-metadata.xml names version " + uploaded.version()
                    + " but is uploaded to " + snapshot.baseVersion());
        }
        List<String> unknown = claimed.stream().filter(v -> !stored.contains(v)).distinct().toList();
        if (!unknown.isEmpty()) {
            throw new DomainException(ErrorCode.CONFLICT, "maven-metadata.xml lists versions this repository does not hold: "
                    + unknown + "; metadata is generated from the stored artifacts, deploy them first");
        }
        uploadedMetadata.remember(key, MavenChecksums.of(bytes));
        return new PipelineResult.JsonBody(201, Map.of(), Json.object().put("ok", true)
                .put("note", "metadata is generated from the stored artifacts"));
    }

    // ---- upstream -------------------------------------------------------------------------------------------

    /** Fetches a missing file from the repository's upstream and stores it through the publish route. */
    private boolean cacheFromUpstream(MavenRepository repository, MavenPath.ArtifactFile file, String rest,
                                      Map<String, String> fields, CompiledConfig config) {
        UpstreamSettings upstream = upstream(repository);
        UpstreamResponse response = upstreamClient.fetch(upstream, "GET", "/" + rest);
        if (response.status() != 200 || response.body() == null) {
            if (response.body() != null) {
                response.body().release(false);
            }
            if (response.status() == 404) {
                return false;
            }
            throw new DomainException(ErrorCode.UPSTREAM_ERROR, "Upstream " + upstream.name() + " answered "
                    + response.status() + " for " + file.fileName());
        }
        MavenChecksums.Digesting body = new MavenChecksums.Digesting(response.body().stream());
        try {
            Principal proxy = Principal.system("proxy:" + upstream.name(), Set.of("read", "write"));
            String path = routePath(config, settings.current().publishRoute(), fields);
            RouteMatch match = config.routes().find("PUT", path);
            RequestData data = new RequestData("PUT", path, match.pathParams(), Map.of(), Map.of(), body,
                    response.body().contentLength());
            PipelineResult result = executor.run(new PipelineContext(data, config, match.route(), proxy),
                    match.route().steps());
            int status = ResultWriter.status(result);
            if (status / 100 != 2 && status != 409) {
                throw new DomainException(ErrorCode.UPSTREAM_ERROR, "Storing " + file.fileName() + " from upstream "
                        + upstream.name() + " failed with " + status);
            }
            if (status / 100 == 2) {
                checksums.remember(body.checksums());
            }
            return true;
        } finally {
            response.body().release(false);
        }
    }

    private PipelineResult upstreamPassThrough(MavenRepository repository, String rest) {
        UpstreamSettings upstream = upstream(repository);
        UpstreamResponse response = upstreamClient.fetch(upstream, "GET", "/" + rest);
        if (response.body() == null || response.status() != 200) {
            if (response.body() != null) {
                response.body().release(false);
            }
            throw response.status() == 404 ? notFound(rest) : new DomainException(ErrorCode.UPSTREAM_ERROR,
                    "Upstream " + upstream.name() + " answered " + response.status());
        }
        try (InputStream in = response.body().stream()) {
            byte[] bytes = in.readNBytes(MAX_SMALL_UPLOAD);
            return new PipelineResult.Bytes(200, Map.of("Content-Type", rest.endsWith(".xml") ? "application/xml"
                    : "text/plain"), bytes);
        } catch (IOException e) {
            throw new DomainException(ErrorCode.UPSTREAM_ERROR, "Upstream " + upstream.name() + " broke off: "
                    + e.getMessage());
        } finally {
            response.body().release(false);
        }
    }

    private UpstreamSettings upstream(MavenRepository repository) {
        if (!compiled.current().config().model().features().proxyEnabled()) {
            throw new DomainException(ErrorCode.NOT_FOUND, "Not found (the upstream proxy is turned off)");
        }
        return upstreams.get(repository.upstream()).orElseThrow(() -> new DomainException(ErrorCode.INTERNAL_ERROR,
                "Unknown upstream " + repository.upstream()));
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /** An answer made here rather than by a route: nothing to revalidate. */
    private static RouteDispatcher.Answer local(RequestData request, PipelineResult result) {
        return new RouteDispatcher.Answer(result, request, CachingDef.Revalidate.DEFAULT);
    }

    private static PipelineResult text(String value, String type) {
        return new PipelineResult.Bytes(200, Map.of("Content-Type", type), value.getBytes(StandardCharsets.UTF_8));
    }


    /** The request for the generic route {@code routeId} with the artifact's fields in its path. */
    private static RequestData generic(CompiledConfig config, String routeId, String method, Map<String, String> fields,
                                       RequestData request, InputStream body) {
        return new RequestData(method, routePath(config, routeId, fields), Map.of(), Map.of(), request.headers(), body,
                request.contentLength());
    }

    private static String routePath(CompiledConfig config, String routeId, Map<String, String> fields) {
        for (RouteDef route : config.config().model().routes()) {
            if (routeId.equals(route.id())) {
                String path = route.path();
                for (Map.Entry<String, String> e : fields.entrySet()) {
                    path = path.replace("{" + e.getKey() + "}", e.getValue());
                }
                return path;
            }
        }
        throw new DomainException(ErrorCode.INTERNAL_ERROR, "No route " + routeId);
    }

    private static String smallBody(RequestData request) {
        return new String(readSmall(request), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] readSmall(RequestData request) {
        if (request.body() == null) {
            return new byte[0];
        }
        try {
            byte[] bytes = request.body().readNBytes(MAX_SMALL_UPLOAD + 1);
            if (bytes.length > MAX_SMALL_UPLOAD) {
                throw new DomainException(ErrorCode.PAYLOAD_TOO_LARGE, "Checksum and metadata uploads are limited to "
                        + MAX_SMALL_UPLOAD + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new DomainException(ErrorCode.INVALID_REQUEST, "Could not read the request body: " + e.getMessage());
        }
    }

    private String principalName() {
        Principal p = authenticator.principal();
        return p == null ? Principal.ANONYMOUS : p.sub();
    }

    private static String baseVersion(String version) {
        java.util.regex.Matcher m = MavenPath.TIMESTAMPED.matcher(version);
        return m.matches() ? m.group(1) + "-SNAPSHOT" : version;
    }

    private static String[] split(String variant) {
        int dash = variant.lastIndexOf('-');
        return dash < 0 ? new String[] {null, variant}
                : new String[] {variant.substring(0, dash), variant.substring(dash + 1)};
    }

    private static String abbreviate(String s) {
        return s.length() > 140 ? s.substring(0, 140) + "…" : s;
    }

    private static DomainException notFound(String rest) {
        return new DomainException(ErrorCode.NOT_FOUND, "Not found: " + rest);
    }
}
