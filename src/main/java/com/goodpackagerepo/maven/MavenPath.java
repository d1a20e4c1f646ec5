package com.goodpackagerepo.maven;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A path below {@code /maven/{repository}/}, parsed by Maven's repository layout:
 * {@code {groupId as path}/{artifactId}/{version}/{artifactId}-{version}[-{classifier}].{extension}},
 * {@code {groupId as path}/{artifactId}/maven-metadata.xml} and, for a snapshot,
 * {@code …/{artifactId}/{baseVersion}/maven-metadata.xml}; each of them optionally with a checksum suffix.
 * Parsing only splits the path; whether the artifact model can hold the parts is {@link MavenCoordinates}' job.
 */
public sealed interface MavenPath {
    String METADATA = "maven-metadata.xml";
    /** {@code 1.0-20261203.150405-7}: a snapshot build's version, base version {@code 1.0-SNAPSHOT}. */
    Pattern TIMESTAMPED = Pattern.compile("^(.*)-(\\d{8}\\.\\d{6})-(\\d+)$");

    String groupId();

    String artifactId();

    /** The checksum algorithm asked for ({@code .sha1} …), or null for the file itself. */
    ChecksumAlgorithm checksum();

    /** {@code groupId/artifactId/version/file}: one artifact file. */
    record ArtifactFile(String groupId, String artifactId, String baseVersion, String version, String classifier,
                        String extension, ChecksumAlgorithm checksum) implements MavenPath {
        public boolean snapshot() {
            return baseVersion.endsWith("-SNAPSHOT");
        }

        /** {@code lib-1.0-SNAPSHOT.jar}: a snapshot file named by its base version, resolved to the newest build. */
        public boolean unresolvedSnapshot() {
            return snapshot() && version.equals(baseVersion);
        }

        public String fileName() {
            return artifactId + "-" + version + (classifier == null ? "" : "-" + classifier) + "." + extension;
        }

        public ArtifactFile withVersion(String v) {
            return new ArtifactFile(groupId, artifactId, baseVersion, v, classifier, extension, checksum);
        }

        public ArtifactFile withoutChecksum() {
            return new ArtifactFile(groupId, artifactId, baseVersion, version, classifier, extension, null);
        }
    }

    /** {@code groupId/artifactId/maven-metadata.xml}: the versions of an artifact. */
    record ArtifactMetadata(String groupId, String artifactId, ChecksumAlgorithm checksum) implements MavenPath {
    }

    /** {@code groupId/artifactId/1.0-SNAPSHOT/maven-metadata.xml}: the builds of one snapshot version. */
    record SnapshotMetadata(String groupId, String artifactId, String baseVersion, ChecksumAlgorithm checksum)
            implements MavenPath {
    }

    /** Parses {@code path} (decoded, relative to the repository, no leading slash). */
    static MavenPath parse(String path) {
        List<String> segments = List.of(path.split("/", -1));
        for (String s : segments) {
            if (s.isEmpty() || s.equals(".") || s.equals("..") || s.indexOf('\\') >= 0
                    || s.chars().anyMatch(Character::isISOControl)) {
                throw new InvalidMavenPathException("Not a path of the Maven repository layout: empty, '.' or '..'"
                        + " segment or a control character");
            }
        }
        String file = segments.get(segments.size() - 1);
        ChecksumAlgorithm checksum = ChecksumAlgorithm.ofSuffix(file);
        if (checksum != null) {
            file = file.substring(0, file.length() - checksum.suffix().length());
        }
        if (file.equals(METADATA)) {
            if (segments.size() < 3) {
                throw new InvalidMavenPathException("maven-metadata.xml must be below {groupId}/{artifactId}/");
            }
            String parent = segments.get(segments.size() - 2);
            if (parent.endsWith("-SNAPSHOT") && segments.size() >= 4) {
                return new SnapshotMetadata(group(segments, 3), segments.get(segments.size() - 3), parent, checksum);
            }
            return new ArtifactMetadata(group(segments, 2), parent, checksum);
        }
        if (segments.size() < 4) {
            throw new InvalidMavenPathException("Expected {groupId as path}/{artifactId}/{version}/{file}");
        }
        String artifactId = segments.get(segments.size() - 3);
        String baseVersion = segments.get(segments.size() - 2);
        String prefix = artifactId + "-";
        if (!file.startsWith(prefix)) {
            throw new InvalidMavenPathException("File name " + file + " does not start with " + prefix);
        }
        String rest = file.substring(prefix.length());
        String version = fileVersion(rest, baseVersion);
        if (version == null) {
            throw new InvalidMavenPathException("File name " + file + " does not carry version " + baseVersion);
        }
        rest = rest.substring(version.length());
        String classifier = null;
        String extension;
        if (rest.startsWith(".")) {
            extension = rest.substring(1);
        } else if (rest.startsWith("-")) {
            int dot = rest.indexOf('.');
            if (dot < 0) {
                throw new InvalidMavenPathException("File name " + file + " has no extension");
            }
            classifier = rest.substring(1, dot);
            extension = rest.substring(dot + 1);
        } else {
            throw new InvalidMavenPathException("File name " + file + " does not carry version " + baseVersion);
        }
        if (extension.isEmpty() || (classifier != null && classifier.isEmpty())) {
            throw new InvalidMavenPathException("File name " + file + " has an empty classifier or extension");
        }
        return new ArtifactFile(group(segments, 3), artifactId, baseVersion, version, classifier, extension, checksum);
    }

    /** The version the file name carries: the directory's, or for a snapshot also a timestamped build of it. */
    private static String fileVersion(String rest, String baseVersion) {
        if (baseVersion.endsWith("-SNAPSHOT")) {
            String stem = baseVersion.substring(0, baseVersion.length() - "SNAPSHOT".length());
            Matcher m = Pattern.compile("^" + Pattern.quote(stem) + "\\d{8}\\.\\d{6}-\\d+").matcher(rest);
            if (m.find() && (rest.length() == m.end() || ".-".indexOf(rest.charAt(m.end())) >= 0)) {
                return m.group();
            }
        }
        if (rest.startsWith(baseVersion) && (rest.length() == baseVersion.length()
                || ".-".indexOf(rest.charAt(baseVersion.length())) >= 0)) {
            return baseVersion;
        }
        return null;
    }

    private static String group(List<String> segments, int fromEnd) {
        return String.join(".", segments.subList(0, segments.size() - fromEnd));
    }

    /** The base version of a stored version: {@code 1.0-20261203.150405-7} → {@code 1.0-SNAPSHOT}. */
    public static String baseVersion(String version) {
        Matcher m = TIMESTAMPED.matcher(version);
        return m.matches() ? m.group(1) + "-SNAPSHOT" : version;
    }

    static boolean isSnapshot(String version) {
        return baseVersion(version).toUpperCase(Locale.ROOT).endsWith("-SNAPSHOT");
    }
}
