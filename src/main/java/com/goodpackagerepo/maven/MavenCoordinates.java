package com.goodpackagerepo.maven;

import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.pipeline.route.EntityRules;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps Maven coordinates onto the artifact model: groupId → namespace, artifactId → name, version (a snapshot's
 * timestamped build version) → version, and classifier + extension → variant ({@code jar}, {@code pom},
 * {@code sources-jar}, {@code jar.asc}: the extension, preceded by the classifier and a hyphen). Extensions never
 * contain a hyphen, so the variant splits back at its last hyphen. A coordinate the entity rules would rename
 * (normalize differently) or refuse is refused with 400, never stored under another name.
 */
public final class MavenCoordinates {
    private MavenCoordinates() {
    }

    /** The artifact fields for {@code file}; throws {@link InvalidMavenPathException} when the model cannot hold it. */
    public static Map<String, String> fields(MavenPath.ArtifactFile file, EntityRules entity) {
        if (file.extension().contains("-")) {
            throw new InvalidMavenPathException("Extension " + file.extension() + " contains '-': it could not be"
                    + " told apart from a classifier");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("namespace", file.groupId());
        fields.put("name", file.artifactId());
        fields.put("version", file.version());
        fields.put("variant", variant(file.classifier(), file.extension()));
        return checked(fields, entity);
    }

    /** The package fields (namespace, name) for a groupId and artifactId. */
    public static Map<String, String> packageFields(String groupId, String artifactId, EntityRules entity) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("namespace", groupId);
        fields.put("name", artifactId);
        return checked(fields, entity);
    }

    static String variant(String classifier, String extension) {
        return classifier == null ? extension : classifier + "-" + extension;
    }

    /** {classifier or null, extension} of a stored variant. */
    static String[] split(String variant) {
        int dash = variant.lastIndexOf('-');
        return dash < 0 ? new String[] {null, variant} : new String[] {variant.substring(0, dash), variant.substring(dash + 1)};
    }

    private static Map<String, String> checked(Map<String, String> fields, EntityRules entity) {
        Map<String, String> normalized = new LinkedHashMap<>(fields);
        entity.normalize(normalized);
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (!e.getValue().equals(normalized.get(e.getKey()))) {
                throw new InvalidMavenPathException(label(e.getKey()) + " '" + e.getValue() + "' would be stored as '"
                        + normalized.get(e.getKey()) + "' by the repository's " + e.getKey()
                        + " rules; Maven coordinates are not renamed");
            }
        }
        try {
            entity.validate(normalized);
        } catch (DomainException ex) {
            throw new InvalidMavenPathException(ex.getMessage() + " (Maven " + labels(fields) + ")");
        }
        return normalized;
    }

    private static String label(String field) {
        return switch (field) {
            case "namespace" -> "groupId";
            case "name" -> "artifactId";
            case "variant" -> "classifier/extension";
            default -> field;
        };
    }

    private static String labels(Map<String, String> fields) {
        StringBuilder out = new StringBuilder();
        fields.forEach((k, v) -> out.append(out.length() == 0 ? "" : ", ").append(label(k)).append('=').append(v));
        return out.toString();
    }
}
