package com.goodpackagerepo.pipeline.route;

import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.schema.EntityDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Normalization and constraints of one entity ({@code entities.<name>}). Normalizers: trim, lower, upper,
 * {@code replace:<from>:<to>}. A constraint applies to a field that is present; a field that is absent is
 * not checked (a route's path gives only some fields: set_tag has no version). Only optional fields may be
 * empty after normalization.
 */
public final class EntityRules {
    private final String name;
    private final Map<String, List<String>> normalizers = new LinkedHashMap<>();
    private final Map<String, List<Constraint>> constraints = new LinkedHashMap<>();
    private final Set<String> optional;

    public EntityRules(EntityDef entity) {
        this.name = entity.name();
        List<String> optionalFields = new ArrayList<>();
        entity.fieldDefs().forEach((field, def) -> {
            normalizers.put(field, def.normalize());
            if (def.optional()) {
                optionalFields.add(field);
            }
        });
        this.optional = Set.copyOf(optionalFields);
        for (EntityDef.ConstraintDef c : entity.constraints()) {
            constraints.computeIfAbsent(c.field(), k -> new ArrayList<>())
                    .add(new Constraint(Pattern.compile(c.regex()), c.regex()));
        }
    }

    public String name() {
        return name;
    }

    public boolean hasField(String field) {
        return normalizers.containsKey(field);
    }

    public void normalize(Map<String, String> fields) {
        fields.replaceAll((field, value) -> {
            List<String> steps = normalizers.get(field);
            return steps == null ? value : applySteps(steps, value);
        });
    }

    public void validate(Map<String, String> fields) {
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (!hasField(e.getKey())) {
                continue;
            }
            if (e.getValue().isEmpty() && !optional.contains(e.getKey())) {
                throw new DomainException(ErrorCode.VALIDATION_ERROR, "Field " + e.getKey() + " must not be empty");
            }
            for (Constraint c : constraints.getOrDefault(e.getKey(), List.of())) {
                if (!c.pattern().matcher(e.getValue()).matches()) {
                    throw new DomainException(ErrorCode.VALIDATION_ERROR,
                            "Invalid " + e.getKey() + ": must match " + c.regex());
                }
            }
        }
    }

    static String applySteps(List<String> steps, String value) {
        String out = value;
        for (String step : steps) {
            if (step.equals("trim")) {
                out = out.strip();
            } else if (step.equals("lower")) {
                out = out.toLowerCase(Locale.ROOT);
            } else if (step.equals("upper")) {
                out = out.toUpperCase(Locale.ROOT);
            } else if (step.startsWith("replace:")) {
                String[] parts = step.split(":", 3);
                out = parts.length == 3 ? out.replace(parts[1], parts[2]) : out;
            } else {
                throw new IllegalStateException("unknown normalizer " + step);
            }
        }
        return out;
    }

    private record Constraint(Pattern pattern, String regex) {
    }
}
