package com.goodpackagerepo.maven;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.config.ConfigCompiler;
import com.goodpackagerepo.config.InvalidConfigException;
import com.goodpackagerepo.config.RepositoryConfig;
import com.goodpackagerepo.config.validation.ConfigViolation;
import com.goodpackagerepo.pipeline.route.PathTemplate;
import com.goodpackagerepo.schema.MavenDef;
import com.goodpackagerepo.schema.RepositorySchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The schema's {@code maven} section, typed and validated (docs/maven.md, docs/decisions.md): the repositories
 * under {@code /maven/}, and the ids of the routes a Maven deploy and download run ({@code publish_route},
 * {@code fetch_route}; both must exist with the path fields namespace, name, version and variant). A schema
 * without the section gets the defaults: {@code releases} and {@code snapshots}, run through
 * {@code publish_artifact_blob} and {@code fetch_artifact_blob}.
 */
@ApplicationScoped
public class MavenSettings implements ConfigCompiler {
    static final String CHECK_ID = "val.maven";
    static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,63}$");
    static final String DEFAULT_PUBLISH = MavenDef.DEFAULT_PUBLISH_ROUTE;
    static final String DEFAULT_FETCH = MavenDef.DEFAULT_FETCH_ROUTE;

    /** The typed section of one schema. */
    public record Section(Map<String, MavenRepository> repositories, String publishRoute, String fetchRoute) {
        public Optional<MavenRepository> repository(String name) {
            return Optional.ofNullable(repositories.get(name));
        }
    }

    @jakarta.inject.Inject
    com.goodpackagerepo.pipeline.CompiledConfigHolder compiled;

    private volatile Section current;

    /** The section of the current configuration revision. */
    public Section current() {
        Section section = current;
        if (section == null) {
            section = of(compiled.current().config().model());
            current = section;
        }
        return section;
    }

    @Override
    public void check(JsonNode schema) {
        read(schema);
    }

    void onConfig(@Observes RepositoryConfig config) {
        current = of(config.model());
    }

    /** The section of a revision's model (validated when the revision was loaded). */
    public static Section of(RepositorySchema model) {
        Map<String, MavenRepository> repositories = new LinkedHashMap<>();
        model.maven().repositories().values().forEach(r -> repositories.put(r.name(),
                new MavenRepository(r.name(), r.snapshots(), r.redeploy(), r.keepSnapshotBuilds(), r.upstream())));
        return new Section(Collections.unmodifiableMap(repositories), model.maven().publishRoute(),
                model.maven().fetchRoute());
    }

    /** Validates {@code schema.maven} and returns its section; throws {@link InvalidConfigException} naming the path. */
    public static Section read(JsonNode schema) {
        validate(schema);
        return of(RepositorySchema.read(schema));
    }

    /** Load-time validation of {@code schema.maven}: reads the JSON, since it names the path of what is wrong. */
    private static void validate(JsonNode schema) {
        JsonNode maven = schema.path("maven");
        if (!maven.isMissingNode() && !maven.isObject()) {
            throw invalid("maven", "must be an object");
        }
        String publish = text(maven, "publish_route", DEFAULT_PUBLISH);
        String fetch = text(maven, "fetch_route", DEFAULT_FETCH);
        checkRoute(schema, "maven.publish_route", publish, "PUT");
        checkRoute(schema, "maven.fetch_route", fetch, "GET");
        JsonNode repos = maven.path("repositories");
        if (!repos.isMissingNode() && !repos.isObject()) {
            throw invalid("maven.repositories", "must be an object of repositories by name");
        }
        repos.fields().forEachRemaining(e -> repository(schema, e.getKey(), e.getValue()));
    }

    private static void repository(JsonNode schema, String name, JsonNode node) {
        String path = "maven.repositories." + name;
        if (!NAME.matcher(name).matches()) {
            throw invalid(path, "repository name must match " + NAME.pattern());
        }
        if (!node.isObject()) {
            throw invalid(path, "must be an object");
        }
        String layout = text(node, path, "policy", "release");
        if (!layout.equals("release") && !layout.equals("snapshot")) {
            throw invalid(path + ".policy", "must be \"release\" or \"snapshot\", not \"" + layout + "\"");
        }
        boolean snapshots = layout.equals("snapshot");
        JsonNode redeploy = node.path("redeploy");
        if (!redeploy.isMissingNode() && !redeploy.isBoolean()) {
            throw invalid(path + ".redeploy", "must be a boolean");
        }
        JsonNode keep = node.path("keep_snapshot_builds");
        if (!keep.isMissingNode() && (!keep.canConvertToInt() || !keep.isIntegralNumber() || keep.asInt() < 0)) {
            throw invalid(path + ".keep_snapshot_builds", "must be an integer >= 0 (0 keeps every build)");
        }
        if (!keep.isMissingNode() && !snapshots) {
            throw invalid(path + ".keep_snapshot_builds", "applies to a snapshot repository only");
        }
        String upstream = text(node, path, "upstream", null);
        if (upstream != null && !schema.path("upstreams").has(upstream)) {
            throw invalid(path + ".upstream", "names no entry of upstreams: " + upstream);
        }
    }

    private static void checkRoute(JsonNode schema, String path, String id, String method) {
        for (JsonNode route : schema.path("api").path("routes")) {
            if (id.equals(route.path("id").asText())) {
                if (!method.equals(route.path("method").asText())) {
                    throw invalid(path, "route " + id + " must be a " + method + " route");
                }
                String template = route.path("path").asText("");
                for (String field : new String[] {"namespace", "name", "version", "variant"}) {
                    if (!template.contains("{" + field + "}")) {
                        throw invalid(path, "route " + id + " must have the path field {" + field + "}");
                    }
                }
                new PathTemplate(template);
                return;
            }
        }
        throw invalid(path, "names no route of api.routes: " + id);
    }

    private static String text(JsonNode node, String field, String fallback) {
        return text(node, "maven", field, fallback);
    }

    private static String text(JsonNode node, String at, String field, String fallback) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw invalid(at + "." + field, "must be a non-empty string");
        }
        return value.asText();
    }

    private static InvalidConfigException invalid(String path, String message) {
        return new InvalidConfigException(CHECK_ID + " at " + path + ": " + message);
    }
}
