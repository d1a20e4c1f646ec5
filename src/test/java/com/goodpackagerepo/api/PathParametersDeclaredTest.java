package com.goodpackagerepo.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every JAX-RS resource method declares each template parameter of its path ({@code @PathParam}). Liberty validates
 * the OpenAPI document it builds from them at every start and logs an error for an operation that does not
 * (CWWKO1650E, e.g. the tus OPTIONS of {@code /uploads/{id}}); clients generated from the document need them too.
 */
class PathParametersDeclaredTest {
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\s*(\\w[\\w.-]*)\\s*(?::[^}]*)?}");

    @Test
    void everyPathTemplateParameterIsDeclared() {
        List<String> missing = new ArrayList<>();
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.goodpackagerepo")) {
            Class<?> type = c.reflect();
            Path classPath = type.getAnnotation(Path.class);
            for (Method m : type.getDeclaredMethods()) {
                boolean resourceMethod = Arrays.stream(m.getAnnotations())
                        .anyMatch(a -> a.annotationType().isAnnotationPresent(HttpMethod.class));
                if (!resourceMethod || (classPath == null && !m.isAnnotationPresent(Path.class))) {
                    continue;
                }
                String path = (classPath == null ? "" : classPath.value()) + "/"
                        + (m.isAnnotationPresent(Path.class) ? m.getAnnotation(Path.class).value() : "");
                Set<String> declared = new TreeSet<>();
                for (Parameter p : m.getParameters()) {
                    if (p.isAnnotationPresent(PathParam.class)) {
                        declared.add(p.getAnnotation(PathParam.class).value());
                    }
                }
                Matcher t = TEMPLATE.matcher(path);
                while (t.find()) {
                    if (!declared.contains(t.group(1))) {
                        missing.add(type.getSimpleName() + "." + m.getName() + " " + path + ": " + t.group(1));
                    }
                }
            }
        }
        assertEquals(List.of(), missing);
    }
}
