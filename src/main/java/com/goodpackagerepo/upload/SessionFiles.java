package com.goodpackagerepo.upload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.json.Json;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The on-disk layout of upload sessions, one directory for all of them: {@code <id>.part} holds the bytes received
 * so far (its length is the session's offset) and {@code <id>.json} the session itself, replaced atomically
 * (written to {@code <id>.json.tmp}, synced, renamed), so a crash leaves either the old or the new state.
 */
final class SessionFiles {
    private static final Logger LOG = Logger.getLogger(SessionFiles.class.getName());
    static final Pattern ID = Pattern.compile("^[a-f0-9]{32}$");

    private final Path dir;

    SessionFiles(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    Path part(String id) {
        return dir.resolve(id + ".part");
    }

    private Path state(String id) {
        return dir.resolve(id + ".json");
    }

    /** Creates the empty part file, then the state: a state file always has its part file. */
    void create(UploadSession session) throws IOException {
        Files.createDirectories(dir);
        Files.newByteChannel(part(session.id()), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        save(session);
    }

    void save(UploadSession session) throws IOException {
        Path temp = dir.resolve(session.id() + ".json.tmp");
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(java.nio.ByteBuffer.wrap(toJson(session).toString().getBytes(StandardCharsets.UTF_8)));
            out.force(true);
        }
        Files.move(temp, state(session.id()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Removes the state first (so a crash half-way leaves an orphan part file, which {@link #load} removes). */
    void delete(String id) throws IOException {
        Files.deleteIfExists(state(id));
        Files.deleteIfExists(part(id));
    }

    void deletePart(String id) throws IOException {
        Files.deleteIfExists(part(id));
    }

    long partSize(String id) throws IOException {
        return Files.exists(part(id)) ? Files.size(part(id)) : 0;
    }

    /**
     * Reads every stored session; removes leftovers a crash can leave (temporary state files, part files without
     * a state, unreadable states). An open session whose part file vanished is dropped too.
     */
    List<UploadSession> load() throws IOException {
        List<UploadSession> sessions = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return sessions;
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.endsWith(".json.tmp")) {
                Files.deleteIfExists(file);
            } else if (name.endsWith(".json")) {
                UploadSession session = read(file);
                if (session == null || (session.state() == UploadSession.State.OPEN && !Files.exists(part(session.id())))) {
                    LOG.warning(() -> "dropping unusable upload session file " + file);
                    Files.deleteIfExists(file);
                } else {
                    sessions.add(session);
                }
            }
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.endsWith(".part") && !Files.exists(state(name.substring(0, name.length() - 5)))) {
                Files.deleteIfExists(file);
            }
        }
        return sessions;
    }

    private static UploadSession read(Path file) {
        try {
            JsonNode json = Json.parseStrict(Files.readString(file));
            String id = json.path("id").asText();
            if (!ID.matcher(id).matches() || !file.getFileName().toString().equals(id + ".json")) {
                return null;
            }
            JsonNode target = json.path("target");
            return new UploadSession(id, json.path("owner").asText(),
                    new ArtifactCoordinate(target.path("namespace").asText(), target.path("name").asText(),
                            target.path("version").asText(), target.path("variant").asText()),
                    json.path("length").asLong(), textOrNull(json, "digest"), textOrNull(json, "metadata"),
                    Instant.parse(json.path("created_at").asText()), Instant.parse(json.path("expires_at").asText()),
                    UploadSession.State.valueOf(json.path("state").asText()), textOrNull(json, "result"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String textOrNull(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static ObjectNode toJson(UploadSession s) {
        ObjectNode json = Json.object();
        json.put("id", s.id());
        json.put("owner", s.owner());
        ObjectNode target = json.putObject("target");
        target.put("namespace", s.target().namespace());
        target.put("name", s.target().name());
        target.put("version", s.target().version());
        target.put("variant", s.target().variant());
        json.put("length", s.length());
        json.put("digest", s.digest());
        json.put("metadata", s.metadata());
        json.put("created_at", s.createdAt().toString());
        json.put("expires_at", s.expiresAt().toString());
        json.put("state", s.state().name());
        json.put("result", s.result());
        return json;
    }
}
