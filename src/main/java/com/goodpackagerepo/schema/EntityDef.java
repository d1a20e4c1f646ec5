package com.goodpackagerepo.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entity of {@code entities} (a member with a {@code fields} object; settings blocks such as
 * {@code entities.versioning} are not entities). The pipeline compiles its normalizers and constraints
 * ({@code pipeline.route.EntityRules}).
 *
 * @param fields      the field names in declaration order
 * @param fieldDefs   each field's declaration, by name
 * @param constraints {@code constraints}, in declaration order
 */
public record EntityDef(String name, List<String> fields, List<String> primaryKey, Map<String, FieldDef> fieldDefs,
                        List<ConstraintDef> constraints) {

    /**
     * One of {@code fields}.
     *
     * @param normalize its normalizer steps ("trim", "lower", "replace:a:b"), in order
     * @param optional  whether it may be empty after normalization
     */
    public record FieldDef(List<String> normalize, boolean optional) {
    }

    /** One of {@code constraints}: the field's value must match {@code regex}. */
    public record ConstraintDef(String field, String regex) {
    }

    /** Reads entity {@code name}. */
    static EntityDef read(String name, JsonNode entity) {
        Map<String, FieldDef> fieldDefs = new LinkedHashMap<>();
        entity.path("fields").fields().forEachRemaining(f -> fieldDefs.put(f.getKey(), new FieldDef(
                RepositorySchema.texts(f.getValue().path("normalize")), f.getValue().path("optional").asBoolean(false))));
        List<ConstraintDef> constraints = new ArrayList<>();
        entity.path("constraints").forEach(c -> constraints.add(new ConstraintDef(c.path("field").asText(),
                c.path("regex").asText())));
        return new EntityDef(name, List.copyOf(fieldDefs.keySet()), RepositorySchema.texts(entity.path("primary_key")),
                Collections.unmodifiableMap(fieldDefs), List.copyOf(constraints));
    }
}
