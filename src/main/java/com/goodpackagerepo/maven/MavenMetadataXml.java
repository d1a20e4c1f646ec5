package com.goodpackagerepo.maven;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.maven.artifact.versioning.ComparableVersion;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Writes {@code maven-metadata.xml} (Maven repository metadata 1.1.0) from what the index holds, and reads the
 * parts of a client's upload that are checked. Versions are ordered by Maven's own rules
 * ({@link ComparableVersion}), so {@code latest} and {@code release} are what Maven itself would pick.
 */
public final class MavenMetadataXml {
    /** Maven orders versions with this; 1.10 after 1.9, 1.0-alpha before 1.0, 1.0-SNAPSHOT before 1.0. */
    public static final Comparator<String> MAVEN_ORDER = Comparator.comparing(ComparableVersion::new);

    private MavenMetadataXml() {
    }

    /** One stored file of a snapshot build. */
    public record BuildFile(String version, String classifier, String extension) {
    }

    /** Artifact level: every version (snapshots by base version), latest, release, lastUpdated. */
    public static String artifactLevel(String groupId, String artifactId, List<String> versions, String lastUpdated) {
        List<String> sorted = versions.stream().distinct().sorted(MAVEN_ORDER).toList();
        String latest = sorted.isEmpty() ? null : sorted.get(sorted.size() - 1);
        String release = sorted.stream().filter(v -> !MavenPath.isSnapshot(v)).reduce((a, b) -> b).orElse(null);
        StringBuilder xml = head(groupId, artifactId, null);
        xml.append("  <versioning>\n");
        element(xml, "    ", "latest", latest);
        element(xml, "    ", "release", release);
        xml.append("    <versions>\n");
        sorted.forEach(v -> element(xml, "      ", "version", v));
        xml.append("    </versions>\n");
        element(xml, "    ", "lastUpdated", lastUpdated);
        xml.append("  </versioning>\n</metadata>\n");
        return xml.toString();
    }

    /** Version level of {@code baseVersion}: the newest build as {@code snapshot}, every file as snapshotVersions. */
    public static String snapshotLevel(String groupId, String artifactId, String baseVersion, List<BuildFile> files) {
        List<BuildFile> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparing((BuildFile f) -> buildNumber(f.version()))
                .thenComparing(f -> timestamp(f.version())));
        BuildFile newest = sorted.get(sorted.size() - 1);
        String timestamp = timestamp(newest.version());
        StringBuilder xml = head(groupId, artifactId, baseVersion);
        xml.append("  <versioning>\n");
        if (timestamp != null) {
            xml.append("    <snapshot>\n");
            element(xml, "      ", "timestamp", timestamp);
            element(xml, "      ", "buildNumber", String.valueOf(buildNumber(newest.version())));
            xml.append("    </snapshot>\n");
        }
        element(xml, "    ", "lastUpdated", timestamp == null ? null : timestamp.replace(".", ""));
        xml.append("    <snapshotVersions>\n");
        // Every retained build, newest first: Maven's resolver keeps, per classifier and extension, the entry with
        // the newest "updated" (the first one on a tie), so it resolves the newest build, and a reader sees them all.
        for (int i = sorted.size() - 1; i >= 0; i--) {
            BuildFile f = sorted.get(i);
            xml.append("      <snapshotVersion>\n");
            element(xml, "        ", "classifier", f.classifier());
            element(xml, "        ", "extension", f.extension());
            element(xml, "        ", "value", f.version());
            String ts = timestamp(f.version());
            element(xml, "        ", "updated", ts == null ? null : ts.replace(".", ""));
            xml.append("      </snapshotVersion>\n");
        }
        xml.append("    </snapshotVersions>\n  </versioning>\n</metadata>\n");
        return xml.toString();
    }

    static String timestamp(String version) {
        Matcher m = MavenPath.TIMESTAMPED.matcher(version);
        return m.matches() ? m.group(2) : null;
    }

    static int buildNumber(String version) {
        Matcher m = MavenPath.TIMESTAMPED.matcher(version);
        return m.matches() ? Integer.parseInt(m.group(3)) : 0;
    }

    private static StringBuilder head(String groupId, String artifactId, String version) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<metadata modelVersion=\"1.1.0\">\n");
        element(xml, "  ", "groupId", groupId);
        element(xml, "  ", "artifactId", artifactId);
        element(xml, "  ", "version", version);
        return xml;
    }

    private static void element(StringBuilder xml, String indent, String name, String value) {
        if (value != null) {
            xml.append(indent).append('<').append(name).append('>').append(escape(value)).append("</").append(name)
                    .append(">\n");
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** What a client's upload states: its coordinates and the versions (or snapshot values) it lists. */
    public record Uploaded(String groupId, String artifactId, String version, List<String> versions,
                           List<String> snapshotValues) {
    }

    /** Parses an uploaded metadata document (no DTDs, no external entities); refuses what is not metadata. */
    public static Uploaded parse(byte[] bytes) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            Document doc = builder.parse(new ByteArrayInputStream(bytes));
            Element root = doc.getDocumentElement();
            if (!"metadata".equals(root.getTagName())) {
                throw new InvalidMavenPathException("maven-metadata.xml: the root element must be <metadata>");
            }
            List<String> versions = new ArrayList<>();
            List<String> values = new ArrayList<>();
            NodeList versionNodes = root.getElementsByTagName("version");
            for (int i = 0; i < versionNodes.getLength(); i++) {
                Node n = versionNodes.item(i);
                if (n.getParentNode() != null && "versions".equals(n.getParentNode().getNodeName())) {
                    versions.add(n.getTextContent().strip());
                }
            }
            NodeList valueNodes = root.getElementsByTagName("value");
            for (int i = 0; i < valueNodes.getLength(); i++) {
                values.add(valueNodes.item(i).getTextContent().strip());
            }
            return new Uploaded(child(root, "groupId"), child(root, "artifactId"), child(root, "version"), versions,
                    values);
        } catch (InvalidMavenPathException e) {
            throw e;
        } catch (Exception e) {
            throw new InvalidMavenPathException("maven-metadata.xml is not well-formed XML: " + e.getMessage());
        }
    }

    private static String child(Element root, String name) {
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().strip();
            }
        }
        return null;
    }

    public static byte[] bytes(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8);
    }
}
