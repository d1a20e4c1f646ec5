package com.goodpackagerepo.architecture;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The application's layering, its package graph and where HTTP may appear (ArchitectureRules). */
class LayeringTest {
    private static final String FIXTURE = ArchitectureRules.ROOT + ".architecture.fixture";
    private static JavaClasses production;

    @BeforeAll
    static void importProduction() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ArchitectureRules.ROOT);
    }

    @Test
    void eachLayerUsesOnlyTheLayersBelowIt() {
        ArchitectureRules.layers().check(production);
    }

    @Test
    void noPackageCycle() {
        ArchitectureRules.noPackageCycles(ArchitectureRules.ROOT).check(production);
    }

    @Test
    void httpTypesOnlyAtTheEdge() {
        ArchitectureRules.httpOnlyAtTheEdge(ArchitectureRules.ROOT, ArchitectureRules.EDGE).check(production);
    }

    @Test
    void theCycleRuleCatchesACycle() {
        JavaClasses fixture = new ClassFileImporter().importPackages(FIXTURE + ".cycle");
        AssertionError failure = assertThrows(AssertionError.class,
                () -> ArchitectureRules.noPackageCycles(FIXTURE).check(fixture));
        assertTrue(failure.getMessage().contains("Cycle detected"), failure.getMessage());
        assertTrue(failure.getMessage().contains("cycle.a") && failure.getMessage().contains("cycle.b"), failure.getMessage());
    }

    @Test
    void theEdgeRuleCatchesHttpBelowTheEdge() {
        JavaClasses fixture = new ClassFileImporter().importPackages(FIXTURE + ".below");
        AssertionError failure = assertThrows(AssertionError.class,
                () -> ArchitectureRules.httpOnlyAtTheEdge(FIXTURE, FIXTURE + ".edge..").check(fixture));
        assertTrue(failure.getMessage().contains("jakarta.ws.rs.core.Response"), failure.getMessage());
    }
}
