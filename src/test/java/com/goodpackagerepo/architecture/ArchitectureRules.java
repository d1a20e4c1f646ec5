package com.goodpackagerepo.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering of the application, bottom to top (docs/architecture.md draws it). A layer may use the layers
 * below it, never one above; within a layer, packages may use each other but never in a cycle.
 */
final class ArchitectureRules {
    static final String ROOT = "com.goodpackagerepo";

    /** The top layer: the HTTP edge, plus the health checks and the start-up sequence that wire everything. */
    static final String[] EDGE_AND_STARTUP = {ROOT + ".api..", ROOT + ".ui..", ROOT + ".health..", ROOT + ".startup.."};

    /** The only packages that may see HTTP types (JAX-RS, servlets). */
    static final String[] EDGE = {ROOT + ".api..", ROOT + ".ui.."};

    private ArchitectureRules() {
    }

    static ArchRule layers() {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Floor").definedBy(ROOT + ".error..", ROOT + ".json..", ROOT + ".version..")
                .layer("StorageApi").definedBy(ROOT + ".storage", ROOT + ".storage.blob..", ROOT + ".storage.event..",
                        ROOT + ".storage.index..", ROOT + ".storage.kv..")
                .layer("Schema").definedBy(ROOT + ".schema..", ROOT + ".config", ROOT + ".config.validation..",
                        ROOT + ".config.jpa..")
                .layer("StorageEngines").definedBy(ROOT + ".storage.lmdb..", ROOT + ".storage.engines..",
                        ROOT + ".storage.cluster..", ROOT + ".cluster..")
                .layer("Platform").definedBy(ROOT + ".audit..", ROOT + ".auth..", ROOT + ".observability..")
                .layer("Pipeline").definedBy(ROOT + ".pipeline", ROOT + ".pipeline.route..")
                .layer("Features").definedBy(ROOT + ".pipeline.ops..", ROOT + ".cache..", ROOT + ".proxy..",
                        ROOT + ".gc..", ROOT + ".catalog..", ROOT + ".backup..", ROOT + ".config.edit..",
                        ROOT + ".maven..", ROOT + ".upload..", ROOT + ".download..")
                .layer("Edge").definedBy(EDGE_AND_STARTUP)
                .whereLayer("Floor").mayNotAccessAnyLayer()
                .whereLayer("StorageApi").mayOnlyAccessLayers("Floor")
                .whereLayer("Schema").mayOnlyAccessLayers("Floor", "StorageApi")
                .whereLayer("StorageEngines").mayOnlyAccessLayers("Floor", "StorageApi", "Schema")
                .whereLayer("Platform").mayOnlyAccessLayers("Floor", "StorageApi", "Schema", "StorageEngines")
                .whereLayer("Pipeline").mayOnlyAccessLayers("Floor", "StorageApi", "Schema", "StorageEngines", "Platform")
                .whereLayer("Features").mayOnlyAccessLayers("Floor", "StorageApi", "Schema", "StorageEngines", "Platform",
                        "Pipeline")
                .whereLayer("Edge").mayNotBeAccessedByAnyLayer()
                .ensureAllClassesAreContainedInArchitecture()
                .because("each layer builds on the ones below it (docs/architecture.md)");
    }

    /** Every package of {@code root} is a slice; no two may depend on each other, directly or around a loop. */
    static ArchRule noPackageCycles(String root) {
        return slices().matching(root + ".(**)").should().beFreeOfCycles()
                .because("a package cycle leaves no package to start reading from");
    }

    /** HTTP types only in the edge packages. */
    static ArchRule httpOnlyAtTheEdge(String root, String... edge) {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackages(edge)
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "jakarta.servlet..")
                .because("HTTP is spoken at the edge only; lower layers return results and throw domain errors");
    }
}
