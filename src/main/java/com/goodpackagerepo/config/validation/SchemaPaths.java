package com.goodpackagerepo.config.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Renders and resolves paths into a schema, in the form {@code api.routes[3].pipeline[2].op}.
 *
 * <p>Object keys that are not plain names (e.g. the event type {@code artifact.published}) render
 * quoted: {@code replication.replay.apply_pipelines["artifact.published"]}.
 */
final class SchemaPaths {

    /** The path of the document root. */
    static final String ROOT = "$";

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_$-]+");

    private SchemaPaths() {
    }

    /** The path of member {@code key} of the object at {@code parent}. */
    static String child(String parent, String key) {
        if (!PLAIN_KEY.matcher(key).matches()) {
            return parent + "[\"" + key.replace("\"", "\\\"") + "\"]";
        }
        return parent.isEmpty() || ROOT.equals(parent) ? key : parent + "." + key;
    }

    /** The path of element {@code index} of the array at {@code parent}. */
    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /**
     * Resolves a concrete dotted path such as {@code ops.closed_world} or {@code api.routes[0].id}.
     *
     * @return the node, or a {@link MissingNode} when absent
     * @throws IllegalArgumentException when the path is not well formed or contains wildcards
     */
    static JsonNode resolve(JsonNode root, String path) {
        PathPattern pattern = PathPattern.parse(path);
        if (pattern.hasWildcards()) {
            throw new IllegalArgumentException("path '" + path + "' must not contain wildcards");
        }
        List<PathPattern.Match> matches = pattern.matches(root);
        return matches.isEmpty() ? MissingNode.getInstance() : matches.get(0).node();
    }
}
