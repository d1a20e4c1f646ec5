package com.goodpackagerepo.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.auth.AuthSettings;
import com.goodpackagerepo.auth.NamespacePermissions;
import com.goodpackagerepo.auth.Principal;
import com.goodpackagerepo.auth.ScopePolicy;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.json.Json;
import com.goodpackagerepo.pipeline.route.EntityRules;
import com.goodpackagerepo.pipeline.route.PathTemplate;
import com.goodpackagerepo.schema.AuthDef;
import com.goodpackagerepo.schema.DocumentRole;
import com.goodpackagerepo.schema.RepositorySchema;
import com.goodpackagerepo.storage.engines.Stores;
import com.goodpackagerepo.storage.index.IndexDefinition;
import com.goodpackagerepo.storage.index.IndexPage;
import com.goodpackagerepo.storage.index.IndexQuery;
import com.goodpackagerepo.storage.index.PageLimit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Read endpoints every repository has, answered before the configured routes:
 * {@code GET /v1/{namespace}/{name}/versions} (all versions newest first, prereleases included, paged with
 * {@code limit} and an opaque {@code cursor}) and {@code GET /v1/{namespace}/{name}/tags/{tag}}.
 */
@ApplicationScoped
public class BuiltinRoutes {
    static final PathTemplate VERSIONS = new PathTemplate("/v1/{namespace}/{name}/versions");
    static final PathTemplate TAG = new PathTemplate("/v1/{namespace}/{name}/tags/{tag}");

    @Inject
    Stores stores;
    @Inject
    AuthSettings authSettings;
    @Inject
    NamespacePermissions permissions;
    @Inject
    com.goodpackagerepo.observability.RouteLabel routeLabel;

    /** The answer, or null when the request is not for a built-in route. */
    public PipelineResult handle(String method, String rawPath, RequestData request, Principal principal, CompiledConfig config) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return null;
        }
        List<String> segments = PathTemplate.split(rawPath);
        Map<String, String> params = VERSIONS.match(segments);
        if (params != null) {
            routeLabel.set("builtin.versions");
            return versions(fields(params, principal, config), request, config);
        }
        params = TAG.match(segments);
        if (params != null) {
            routeLabel.set("builtin.tag");
            return tag(fields(params, principal, config), config);
        }
        return null;
    }

    private Map<String, String> fields(Map<String, String> params, Principal principal, CompiledConfig config) {
        AuthDef auth = config.config().model().auth();
        if (principal == null || principal.anonymous()) {
            ScopePolicy.requireRead(principal, auth, authSettings.allowAnonymousRead());
        }
        Map<String, String> fields = new LinkedHashMap<>(params);
        EntityRules entity = config.artifactEntity();
        entity.normalize(fields);
        entity.validate(fields);
        permissions.requireRead(principal, auth, fields.get("namespace"));
        return fields;
    }

    private PipelineResult versions(Map<String, String> fields, RequestData request, CompiledConfig config) {
        IndexDefinition index = config.config().model().versionsIndex().orElseThrow();
        int limit = PageLimit.parse(request.queryParam("limit"), PageLimit.INDEX_DEFAULT, PageLimit.INDEX_MAX);
        String cursor = request.queryParam("cursor");
        IndexPage page;
        try {
            page = stores.metadata().query(index, new IndexQuery(List.of(fields.get("namespace"), fields.get("name")),
                    limit, cursor == null || cursor.isEmpty() ? null : cursor, true));
        } catch (IllegalArgumentException e) {
            throw new DomainException(ErrorCode.INVALID_REQUEST, "Invalid cursor");
        }
        ObjectNode body = Json.object();
        body.put("namespace", fields.get("namespace"));
        body.put("name", fields.get("name"));
        ArrayNode versions = body.putArray("versions");
        page.rows().forEach(versions::add);
        body.put("next_cursor", page.nextCursor());
        String next = page.nextCursor() == null ? null
                : "/v1/" + fields.get("namespace") + "/" + fields.get("name") + "/versions?limit=" + limit
                + "&cursor=" + URLEncoder.encode(page.nextCursor(), StandardCharsets.UTF_8);
        return new PipelineResult.Page(body, next);
    }

    private PipelineResult tag(Map<String, String> fields, CompiledConfig config) {
        RepositorySchema model = config.config().model();
        String key = model.require(DocumentRole.TAG).key().render(fields);
        JsonNode doc = stores.metadata().get(key).map(Json::parse)
                .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "Tag not found"));
        ObjectNode body = ((ObjectNode) doc).deepCopy();
        Map<String, String> target = model.require(DocumentRole.ARTIFACT_METADATA).key()
                .parse(doc.path("target_key").asText());
        if (target != null) {
            body.put("target_version", target.get("version"));
            body.put("target_variant", target.getOrDefault("variant", ""));
        }
        return new PipelineResult.JsonBody(200, Map.of(), body);
    }

}
