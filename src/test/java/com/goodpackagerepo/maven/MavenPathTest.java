package com.goodpackagerepo.maven;

import com.goodpackagerepo.schema.RepositorySchema;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goodpackagerepo.json.Json;
import com.goodpackagerepo.pipeline.route.EntityRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MavenPathTest {
    private static EntityRules artifact() throws Exception {
        return new EntityRules(RepositorySchema.read(Json.parse(Files.readAllBytes(Path.of("seed/schema.json"))))
                .entities().get("artifact"));
    }

    @Test
    void parsesJarPomClassifierAndChecksum() {
        var jar = (MavenPath.ArtifactFile) MavenPath.parse("com/example/lib/1.0/lib-1.0.jar");
        assertEquals("com.example", jar.groupId());
        assertEquals("lib", jar.artifactId());
        assertEquals("1.0", jar.version());
        assertNull(jar.classifier());
        assertEquals("jar", jar.extension());
        var sources = (MavenPath.ArtifactFile) MavenPath.parse("com/example/lib/1.0/lib-1.0-sources.jar.sha1");
        assertEquals("sources", sources.classifier());
        assertEquals("jar", sources.extension());
        assertEquals(ChecksumAlgorithm.SHA1, sources.checksum());
        var asc = (MavenPath.ArtifactFile) MavenPath.parse("com/example/lib/1.0/lib-1.0.jar.asc");
        assertEquals("jar.asc", asc.extension());
    }

    @Test
    void parsesSnapshotsAndMetadata() {
        var build = (MavenPath.ArtifactFile) MavenPath.parse("g/a/1.0-SNAPSHOT/a-1.0-20261203.150405-7-tests.jar");
        assertEquals("1.0-20261203.150405-7", build.version());
        assertEquals("tests", build.classifier());
        assertTrue(build.snapshot());
        var plain = (MavenPath.ArtifactFile) MavenPath.parse("g/a/1.0-SNAPSHOT/a-1.0-SNAPSHOT.pom");
        assertTrue(plain.unresolvedSnapshot());
        assertInstanceOf(MavenPath.ArtifactMetadata.class, MavenPath.parse("org/acme/a/maven-metadata.xml"));
        var snap = (MavenPath.SnapshotMetadata) MavenPath.parse("org/acme/a/2.0-SNAPSHOT/maven-metadata.xml.md5");
        assertEquals("org.acme", snap.groupId());
        assertEquals(ChecksumAlgorithm.MD5, snap.checksum());
        assertEquals("1.0-SNAPSHOT", MavenPath.baseVersion("1.0-20261203.150405-7"));
    }

    @Test
    void refusesPathsOutsideTheLayout() {
        assertThrows(InvalidMavenPathException.class, () -> MavenPath.parse("lib-1.0.jar"));
        assertThrows(InvalidMavenPathException.class, () -> MavenPath.parse("g/a/1.0/other-1.0.jar"));
        assertThrows(InvalidMavenPathException.class, () -> MavenPath.parse("g/a/1.0/a-2.0.jar"));
        assertThrows(InvalidMavenPathException.class, () -> MavenPath.parse("g/a/1.0/a-1.0"));
        assertThrows(InvalidMavenPathException.class, () -> MavenPath.parse("g/../a/1.0/a-1.0.jar"));
        assertThrows(InvalidMavenPathException.class, () -> MavenPath.parse("g//a/1.0/a-1.0.jar"));
        assertThrows(InvalidMavenPathException.class, () -> MavenPath.parse("maven-metadata.xml"));
    }

    @Test
    void mapsCoordinatesWithoutRenaming() throws Exception {
        var file = (MavenPath.ArtifactFile) MavenPath.parse("com/example/my-lib/1.0.0/my-lib-1.0.0-sources.jar");
        Map<String, String> fields = MavenCoordinates.fields(file, artifact());
        assertEquals(Map.of("namespace", "com.example", "name", "my-lib", "version", "1.0.0", "variant", "sources-jar"),
                fields);
        assertEquals("sources", MavenCoordinates.split("sources-jar")[0]);
        assertNull(MavenCoordinates.split("jar.asc")[0]);
        var upper = (MavenPath.ArtifactFile) MavenPath.parse("com/Example/lib/1.0/lib-1.0.jar");
        var e = assertThrows(InvalidMavenPathException.class, () -> MavenCoordinates.fields(upper, artifact()));
        assertTrue(e.getMessage().contains("groupId 'com.Example' would be stored as 'com.example'"), e.getMessage());
        var underscore = (MavenPath.ArtifactFile) MavenPath.parse("g/my_lib/1.0/my_lib-1.0.jar");
        assertThrows(InvalidMavenPathException.class, () -> MavenCoordinates.fields(underscore, artifact()));
        var dashExt = (MavenPath.ArtifactFile) MavenPath.parse("g/a/1.0/a-1.0.tar-gz");
        assertThrows(InvalidMavenPathException.class, () -> MavenCoordinates.fields(dashExt, artifact()));
    }
}
