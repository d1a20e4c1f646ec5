package com.goodpackagerepo.api.upload;

import static com.goodpackagerepo.api.upload.TusHeaders.*;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.api.error.ErrorResponses;
import com.goodpackagerepo.api.error.UnexpectedExceptionMapper;
import com.goodpackagerepo.auth.Authenticator;
import com.goodpackagerepo.auth.Principal;
import com.goodpackagerepo.json.Json;
import com.goodpackagerepo.upload.ArtifactCoordinate;
import com.goodpackagerepo.upload.ChunkChecksum;
import com.goodpackagerepo.upload.UploadException;
import com.goodpackagerepo.upload.UploadSession;
import com.goodpackagerepo.upload.UploadSessions;
import com.goodpackagerepo.upload.Uploads;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import com.goodpackagerepo.api.ResultWriter;
import com.goodpackagerepo.pipeline.PipelineResult;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resumable uploads by the tus 1.0 protocol (core, creation, expiration, checksum, termination) at
 * {@code /uploads}: {@code POST} creates a session for one artifact coordinate (named in Upload-Metadata),
 * {@code PATCH} appends at the stated offset, {@code HEAD} tells the offset to resume at, {@code DELETE} ends it,
 * {@code OPTIONS} advertises the protocol. When the last byte arrives the staged file is published through the
 * configured publish route ({@link RoutePublisher}); the final PATCH answers 204 when that succeeded, else the
 * publish's own error (e.g. 400 DIGEST_MISMATCH, 409 ALREADY_EXISTS). {@code GET /uploads/{id}} (not part of tus)
 * returns the session as JSON, with the publish route's answer once published. Every answer carries
 * Tus-Resumable; errors are the API's JSON error body.
 */
@Path("uploads")
@RequestScoped
public class UploadResource {
    private static final Pattern DIGEST = Pattern.compile("^(?:sha256:)?([a-fA-F0-9]{64})$");
    private static final UnexpectedExceptionMapper UNEXPECTED = new UnexpectedExceptionMapper();

    @Inject
    Authenticator authenticator;
    @Inject
    Uploads uploads;
    @Inject
    RoutePublisher publisher;

    /** What a request does once the protocol version and the caller are checked. */
    @FunctionalInterface
    private interface Action {
        Response run(Principal caller) throws IOException;
    }

    @OPTIONS
    public Response discover() {
        return Response.noContent().header(TUS_RESUMABLE, VERSION).header(TUS_VERSION, VERSION)
                .header(TUS_EXTENSION, EXTENSIONS).header(TUS_MAX_SIZE, publisher.maxSize())
                .header(TUS_CHECKSUM_ALGORITHM, String.join(",", ChunkChecksum.SUPPORTED)).build();
    }

    @OPTIONS
    @Path("{id}")
    public Response discoverSession(@PathParam("id") String id) { // declared for the OpenAPI document (unused)
        return discover();
    }

    @POST
    public Response create(@HeaderParam(TUS_RESUMABLE) String tus, @HeaderParam(UPLOAD_LENGTH) String lengthHeader,
                           @HeaderParam(UPLOAD_DEFER_LENGTH) String defer,
                           @HeaderParam(UPLOAD_METADATA) String metadataHeader) {
        return tus(tus, caller -> {
            if (defer != null) {
                throw new DomainException(ErrorCode.INVALID_REQUEST, "Upload-Defer-Length is not supported: state Upload-Length");
            }
            long length = nonNegative(lengthHeader);
            if (length < 1) {
                throw new DomainException(ErrorCode.INVALID_REQUEST, "Upload-Length must be a positive integer"
                        + (length == 0 ? " (publish an empty file with a plain PUT)" : ""));
            }
            Map<String, String> metadata = UploadMetadata.parse(metadataHeader);
            ArtifactCoordinate target = new ArtifactCoordinate(required(metadata, "namespace"),
                    required(metadata, "name"), required(metadata, "version"), required(metadata, "variant"));
            String digest = digest(metadata.get("digest"));
            long max = publisher.admit(target, digest, caller);
            if (length > max) {
                throw new DomainException(ErrorCode.BLOB_TOO_LARGE, "Upload-Length " + length + " is larger than the "
                        + max + " bytes this artifact may have");
            }
            UploadSession session = uploads.sessions().create(caller.sub(), target, length, digest, metadataHeader);
            return Response.status(Response.Status.CREATED).header("Location", "/uploads/" + session.id())
                    .header(TUS_RESUMABLE, VERSION).header(UPLOAD_EXPIRES, httpDate(session.expiresAt())).build();
        });
    }

    @HEAD
    @Path("{id}")
    public Response offset(@PathParam("id") String id, @HeaderParam(TUS_RESUMABLE) String tus) {
        return tus(tus, caller -> {
            try (UploadSessions.Held held = uploads.sessions().hold(id, caller.sub())) {
                UploadSession session = held.session();
                Response.ResponseBuilder answer = Response.ok().header(TUS_RESUMABLE, VERSION)
                        .header(UPLOAD_OFFSET, held.offset()).header(UPLOAD_LENGTH, session.length())
                        .header(UPLOAD_EXPIRES, httpDate(session.expiresAt())).header("Cache-Control", "no-store");
                if (session.metadata() != null) {
                    answer.header(UPLOAD_METADATA, session.metadata());
                }
                return answer.build();
            }
        });
    }

    @PATCH
    @Path("{id}")
    public Response append(@PathParam("id") String id, @HeaderParam(TUS_RESUMABLE) String tus,
                           @HeaderParam("Content-Type") String contentType, @HeaderParam(UPLOAD_OFFSET) String offset,
                           @HeaderParam(UPLOAD_CHECKSUM) String checksumHeader, InputStream body) {
        return tus(tus, caller -> {
            if (contentType == null || !PATCH_CONTENT_TYPE.equals(contentType.split(";")[0].trim().toLowerCase(Locale.ROOT))) {
                throw new DomainException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "PATCH bodies must be " + PATCH_CONTENT_TYPE);
            }
            long claimed = nonNegative(offset);
            if (claimed < 0) {
                throw new DomainException(ErrorCode.INVALID_REQUEST, "Upload-Offset must be a non-negative integer");
            }
            ChunkChecksum checksum = ChunkChecksum.parse(checksumHeader);
            try (UploadSessions.Held held = uploads.sessions().hold(id, caller.sub())) {
                UploadSessions.Appended appended = held.append(claimed, body, checksum);
                if (!appended.complete()) {
                    return patched(held.session(), appended.offset());
                }
                return publish(held);
            }
        });
    }

    /** Runs the publish route on the staged bytes; keeps the session for a retry only when the server failed. */
    private Response publish(UploadSessions.Held held) throws IOException {
        UploadSession session = held.session();
        PipelineResult published;
        try (InputStream staged = held.openStaged()) {
            published = publisher.publish(session.target(), session.digest(), staged, session.length());
        }
        int status = ResultWriter.status(published);
        if (status >= 200 && status < 300) {
            held.published(published instanceof PipelineResult.JsonBody json ? json.body().toString() : null);
            return patched(held.session(), session.length());
        }
        if (status < 500) {
            held.discard(); // the bytes or the target can never pass: resending them would fail the same way
        }
        return withTus(refusal(published, status));
    }

    /** A publish that did not succeed, as the JSON answer the plain publish would have given. */
    private static Response refusal(PipelineResult result, int status) {
        if (result instanceof PipelineResult.Failure failure) {
            return ErrorResponses.response(failure.error());
        }
        if (result instanceof PipelineResult.Error error) {
            return ErrorResponses.response(error.status(), error.code(), error.message(), error.headers());
        }
        String body = result instanceof PipelineResult.JsonBody json ? json.body().toString() : "";
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    private static Response patched(UploadSession session, long offset) {
        return Response.noContent().header(TUS_RESUMABLE, VERSION).header(UPLOAD_OFFSET, offset)
                .header(UPLOAD_EXPIRES, httpDate(session.expiresAt())).build();
    }

    @DELETE
    @Path("{id}")
    public Response terminate(@PathParam("id") String id, @HeaderParam(TUS_RESUMABLE) String tus) {
        return tus(tus, caller -> {
            try (UploadSessions.Held held = uploads.sessions().hold(id, caller.sub())) {
                held.discard();
            }
            return Response.noContent().header(TUS_RESUMABLE, VERSION).build();
        });
    }

    /** The session as JSON (not part of tus): where it stands and, once published, the publish route's answer. */
    @GET
    @Path("{id}")
    public Response describe(@PathParam("id") String id) {
        return tus(VERSION, caller -> {
            try (UploadSessions.Held held = uploads.sessions().hold(id, caller.sub())) {
                UploadSession s = held.session();
                ObjectNode json = Json.object();
                json.put("id", s.id());
                ObjectNode target = json.putObject("target");
                target.put("namespace", s.target().namespace());
                target.put("name", s.target().name());
                target.put("version", s.target().version());
                target.put("variant", s.target().variant());
                json.put("length", s.length());
                json.put("offset", held.offset());
                json.put("digest", s.digest());
                json.put("state", s.state().name().toLowerCase(Locale.ROOT));
                json.put("expires_at", s.expiresAt().toString());
                json.set("result", s.result() == null ? null : Json.parse(s.result()));
                return Response.ok(json.toString(), MediaType.APPLICATION_JSON_TYPE).header(TUS_RESUMABLE, VERSION)
                        .header("Cache-Control", "no-store").build();
            }
        });
    }

    /** Checks the caller, then the protocol version, runs the action, and gives every error the JSON body. */
    private Response tus(String version, Action action) {
        try {
            Principal caller = authenticator.authenticated();
            if (!VERSION.equals(version)) {
                return withTus(Response.fromResponse(ErrorResponses.response(ErrorCode.TUS_VERSION_UNSUPPORTED,
                        "Tus-Resumable must be " + VERSION)).header(TUS_VERSION, VERSION).build());
            }
            return action.run(caller);
        } catch (UploadException e) {
            return withTus(ErrorResponses.response(UploadErrors.toApi(e)));
        } catch (DomainException e) {
            return withTus(ErrorResponses.response(e));
        } catch (IOException | RuntimeException e) {
            return withTus(UNEXPECTED.toResponse(e));
        }
    }

    private static Response withTus(Response response) {
        return Response.fromResponse(response).header(TUS_RESUMABLE, VERSION).build();
    }

    private static String required(Map<String, String> metadata, String key) {
        String value = metadata.get(key);
        if (value == null || value.isEmpty()) {
            throw new DomainException(ErrorCode.INVALID_REQUEST, "Upload-Metadata must name the artifact: " + key
                    + " is missing (keys: namespace, name, version, variant, optional digest)");
        }
        return value;
    }

    /** "sha256:<hex>" from the metadata's digest, or null; anything else is refused like a bad ?digest=. */
    private static String digest(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        Matcher m = DIGEST.matcher(value.trim());
        if (!m.matches()) {
            throw new DomainException(ErrorCode.INVALID_REQUEST, "digest must be sha256:<64 hex characters>");
        }
        return "sha256:" + m.group(1).toLowerCase(Locale.ROOT);
    }
}
