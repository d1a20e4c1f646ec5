package com.goodpackagerepo.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One entity of {@code entities} (a member with a {@code fields} object; settings blocks such as
 * {@code entities.versioning} are not entities).
 *
 * @param declaration the entity's JSON, from which the pipeline compiles its normalizers and constraints
 */
public record EntityDef(String name, List<String> fields, List<String> primaryKey, JsonNode declaration) {
}
