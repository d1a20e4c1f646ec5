package com.goodpackagerepo.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MavenMetadataXmlTest {
    @Test
    void artifactLevelOrdersByMavenRules() {
        String xml = MavenMetadataXml.artifactLevel("g", "a", List.of("1.10", "1.9", "2.0-SNAPSHOT", "1.0-alpha-1", "1.0"),
                "20261203150405");
        assertTrue(xml.contains("<latest>2.0-SNAPSHOT</latest>"), xml);
        assertTrue(xml.contains("<release>1.10</release>"), xml);
        assertTrue(xml.indexOf("<version>1.0-alpha-1</version>") < xml.indexOf("<version>1.0</version>"), xml);
        assertTrue(xml.indexOf("<version>1.9</version>") < xml.indexOf("<version>1.10</version>"), xml);
        assertTrue(xml.contains("<lastUpdated>20261203150405</lastUpdated>"), xml);
        MavenMetadataXml.Uploaded parsed = MavenMetadataXml.parse(xml.getBytes(StandardCharsets.UTF_8));
        assertEquals("g", parsed.groupId());
        assertEquals(5, parsed.versions().size());
    }

    @Test
    void snapshotLevelNamesTheNewestBuild() {
        String xml = MavenMetadataXml.snapshotLevel("g", "a", "1.0-SNAPSHOT", List.of(
                new MavenMetadataXml.BuildFile("1.0-20261203.100000-1", null, "jar"),
                new MavenMetadataXml.BuildFile("1.0-20261203.100000-1", null, "pom"),
                new MavenMetadataXml.BuildFile("1.0-20261203.110000-2", null, "jar"),
                new MavenMetadataXml.BuildFile("1.0-20261203.110000-2", "sources", "jar")));
        assertTrue(xml.contains("<timestamp>20261203.110000</timestamp>"), xml);
        assertTrue(xml.contains("<buildNumber>2</buildNumber>"), xml);
        assertTrue(xml.contains("<classifier>sources</classifier>"), xml);
        assertTrue(xml.contains("<extension>pom</extension>\n        <value>1.0-20261203.100000-1</value>"), xml);
        assertTrue(xml.contains("<extension>jar</extension>\n        <value>1.0-20261203.110000-2</value>"), xml);
        assertTrue(xml.indexOf("<value>1.0-20261203.110000-2</value>") < xml.indexOf("<value>1.0-20261203.100000-1</value>"), xml);
    }

    @Test
    void refusesWhatIsNotMetadata() {
        assertThrows(InvalidMavenPathException.class, () -> MavenMetadataXml.parse("<x/>".getBytes(StandardCharsets.UTF_8)));
        assertThrows(InvalidMavenPathException.class, () -> MavenMetadataXml.parse("not xml".getBytes(StandardCharsets.UTF_8)));
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><metadata>&x;</metadata>";
        assertThrows(InvalidMavenPathException.class, () -> MavenMetadataXml.parse(xxe.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void checksumsMatchKnownValues() {
        var sums = MavenChecksums.of("abc".getBytes(StandardCharsets.UTF_8));
        assertEquals("a9993e364706816aba3e25717850c26c9cd0d89d", sums.get(ChecksumAlgorithm.SHA1));
        assertEquals("900150983cd24fb0d6963f7d28e17f72", sums.get(ChecksumAlgorithm.MD5));
        assertTrue(MavenChecksums.matches("A9993E364706816ABA3E25717850C26C9CD0D89D  lib.jar\n", sums.get(ChecksumAlgorithm.SHA1)));
        assertTrue(!MavenChecksums.matches("0000", sums.get(ChecksumAlgorithm.SHA1)));
    }
}
