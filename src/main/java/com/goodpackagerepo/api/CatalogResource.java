package com.goodpackagerepo.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.auth.Authenticator;
import com.goodpackagerepo.auth.NamespaceAccess;
import com.goodpackagerepo.auth.NamespaceAction;
import com.goodpackagerepo.auth.NamespacePermissions;
import com.goodpackagerepo.catalog.Catalog;
import com.goodpackagerepo.catalog.CatalogQuery;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.pipeline.CompiledConfig;
import com.goodpackagerepo.pipeline.CompiledConfigHolder;
import com.goodpackagerepo.pipeline.route.EntityRules;
import com.goodpackagerepo.storage.index.PageLimit;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The package catalog (read scope): {@code GET /v1/catalog?q=&namespace=&prefix=&limit=&cursor=} lists packages
 * with their latest release and version count, {@code GET /v1/catalog/namespaces?prefix=&limit=&cursor=} the
 * namespaces, {@code GET /v1/catalog/package?namespace=&name=&limit=&cursor=} one package's artifacts newest
 * first with their tags. Paged with opaque cursors; bad parameters are 400 INVALID_REQUEST/VALIDATION_ERROR.
 */
@Path("/v1/catalog")
@Produces(MediaType.APPLICATION_JSON)
public class CatalogResource {
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    static final int MAX_DETAIL_LIMIT = 1000;
    private static final Pattern PREFIX = Pattern.compile("[a-z0-9._/-]{0,257}");

    @Inject
    Catalog catalog;
    @Inject
    CompiledConfigHolder compiled;
    @Inject
    Authenticator authenticator;
    @Inject
    NamespacePermissions permissions;

    @GET
    public Response packages(@QueryParam("q") String q, @QueryParam("namespace") String namespace,
                             @QueryParam("prefix") String prefix, @QueryParam("limit") String limit,
                             @QueryParam("cursor") String cursor) {
        CompiledConfig config = compiled.current();
        NamespaceAccess access = readable(config);
        if (q != null && q.length() > 200) {
            throw new DomainException(ErrorCode.INVALID_REQUEST, "q must be at most 200 characters");
        }
        CatalogQuery query = new CatalogQuery(field(config, "namespace", namespace), prefix(prefix),
                blankToNull(q == null ? null : q.strip()), limit(limit, MAX_LIMIT), blankToNull(cursor),
                ns -> access.allows(ns, NamespaceAction.READ));
        return ok(() -> catalog.packages(config, query));
    }

    @GET
    @Path("namespaces")
    public Response namespaces(@QueryParam("prefix") String prefix, @QueryParam("limit") String limit,
                               @QueryParam("cursor") String cursor) {
        CompiledConfig config = compiled.current();
        NamespaceAccess access = readable(config);
        String start = prefix(prefix);
        int max = limit(limit, MAX_LIMIT);
        return ok(() -> catalog.namespaces(config, start, max, blankToNull(cursor),
                ns -> access.allows(ns, NamespaceAction.READ)));
    }

    @GET
    @Path("package")
    public Response packageDetail(@QueryParam("namespace") String namespace, @QueryParam("name") String name,
                                  @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        CompiledConfig config = compiled.current();
        NamespaceAccess access = readable(config);
        if (namespace == null || name == null) {
            throw new DomainException(ErrorCode.INVALID_REQUEST, "namespace and name are required");
        }
        String ns = field(config, "namespace", namespace);
        String n = field(config, "name", name);
        int max = limit(limit, MAX_DETAIL_LIMIT);
        return ok(() -> {
            // a namespace the caller cannot read looks empty: the same 404 as a package that does not exist
            ObjectNode detail = access.allows(ns, NamespaceAction.READ)
                    ? catalog.packageDetail(config, ns, n, max, blankToNull(cursor)) : null;
            if (detail == null) {
                throw new DomainException(ErrorCode.NOT_FOUND, "No package " + ns + "/" + n);
            }
            return detail;
        });
    }

    /**
     * The caller's namespace access, once it may read somewhere (the read scope, a grant, or anonymous reads);
     * 401/403 otherwise.
     */
    private NamespaceAccess readable(CompiledConfig config) {
        return permissions.readable(authenticator.principal(), config.config().model().auth());
    }

    private static Response ok(Supplier<ObjectNode> listing) {
        ObjectNode body;
        try {
            body = listing.get();
        } catch (IllegalArgumentException e) {
            throw new DomainException(ErrorCode.INVALID_REQUEST, "Invalid cursor");
        }
        body.put("ok", true);
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** An artifact field normalized and validated by the entity's own rules; null when absent or blank. */
    private static String field(CompiledConfig config, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        EntityRules rules = config.artifactEntity();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(field, value);
        rules.normalize(fields);
        rules.validate(fields);
        return fields.get(field);
    }

    private static String prefix(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String prefix = raw.strip().toLowerCase(Locale.ROOT);
        if (!PREFIX.matcher(prefix).matches()) {
            throw new DomainException(ErrorCode.INVALID_REQUEST, "prefix may hold only a-z 0-9 . _ - / (at most 257)");
        }
        return prefix;
    }

    static int limit(String raw, int max) {
        return PageLimit.parse(raw, Math.min(DEFAULT_LIMIT, max), max);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
