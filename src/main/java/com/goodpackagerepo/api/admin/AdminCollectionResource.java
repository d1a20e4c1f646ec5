package com.goodpackagerepo.api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.api.JsonBodies;
import com.goodpackagerepo.api.http.RequiresScope;
import com.goodpackagerepo.auth.Authenticator;
import com.goodpackagerepo.config.ConfigCollection;
import com.goodpackagerepo.config.ConfigService;
import com.goodpackagerepo.config.RepositoryConfig;
import com.goodpackagerepo.config.edit.ConfigEditor;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.json.Json;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/**
 * One editable part of the configuration under {@code /admin/<collection>} (admin scope): {@code GET} lists
 * it in the web UI's shape, {@code GET /{name}} gives one item in the schema's own form, {@code POST}
 * adds one, {@code PUT /{name}} replaces it, {@code DELETE /{name}} removes it. PipelineWrites take the schema's
 * form and an optional {@code If-Match: "<revision>"}; they answer 400 CONFIG_INVALID naming the failed
 * check and path, or 409 CONFLICT when the configuration moved on. Subclasses only name the collection.
 */
@Produces(MediaType.APPLICATION_JSON)
@RequiresScope("admin")
public abstract class AdminCollectionResource {
    @Inject
    ConfigService configService;
    @Inject
    ConfigEditor editor;
    @Inject
    Authenticator authenticator;

    /** Which collection this resource edits. */
    protected abstract ConfigCollection collection();

    /** The list in the shape {@code GET /admin/config} uses, and its key in the answer. */
    protected abstract JsonNode listView(JsonNode schema);

    protected abstract String listName();

    @GET
    public Response list() {
        RepositoryConfig config = configService.current();
        return answer(200, config, listName(), listView(config.schema()));
    }

    @GET
    @Path("{name}")
    public Response get(@PathParam("name") String name) {
        RepositoryConfig config = configService.current();
        JsonNode item = collection().get(config.schema(), name).orElseThrow(() ->
                new DomainException(ErrorCode.NOT_FOUND, "No " + collection().singular() + " named " + name));
        return answer(200, config, "item", item);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(InputStream in, @HeaderParam("If-Match") String ifMatch) {
        String by = authenticator.principal().sub();
        JsonNode body = JsonBodies.readObject(in);
        String key = collection() == ConfigCollection.ROUTES ? "id" : "name";
        ConfigEditor.Change change = editor.create(by, revision(ifMatch), collection(), JsonBodies.requiredText(body, key), body);
        return answer(201, change.config(), "item", change.after());
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replace(@PathParam("name") String name, InputStream in, @HeaderParam("If-Match") String ifMatch) {
        String by = authenticator.principal().sub();
        JsonNode body = JsonBodies.readObject(in);
        ConfigEditor.Change change = editor.replace(by, revision(ifMatch), collection(), name, body);
        return answer(200, change.config(), "item", change.after());
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name, @HeaderParam("If-Match") String ifMatch) {
        String by = authenticator.principal().sub();
        ConfigEditor.Change change = editor.delete(by, revision(ifMatch), collection(), name);
        return answer(200, change.config(), "deleted", change.before());
    }

    static Response answer(int status, RepositoryConfig config, String name, JsonNode value) {
        ObjectNode body = Json.object();
        body.put("ok", true);
        body.put("revision", config.revision());
        body.set(name, value);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body.toString())
                .header("ETag", "\"" + config.revision() + "\"").build();
    }

    /** The revision of an {@code If-Match} header ({@code "12"}, {@code 12} or {@code W/"12"}); null for none or {@code *}. */
    static Long revision(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String value = ifMatch.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new DomainException(ErrorCode.INVALID_REQUEST, "If-Match must be the configuration revision, e.g. \"12\"");
        }
    }
}
