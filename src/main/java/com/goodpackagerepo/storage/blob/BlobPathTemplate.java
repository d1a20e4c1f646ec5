package com.goodpackagerepo.storage.blob;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A blob store's path layout, e.g. {@code sha256/{digest:0:2}/{digest:2:2}/{digest}}: literal path text plus
 * the placeholders {@code {digest}} (64 lowercase hex) and {@code {digest:START:LEN}} (a substring of it).
 * Validated once at construction so that rendering can never leave the store root.
 */
final class BlobPathTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{digest(?::(\\d{1,2}):(\\d{1,2}))?}");
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._/-]*");
    static final String STAGING_DIR = ".staging";

    /** A literal ({@code text != null}) or a digest substring [start, end). */
    private record Part(String text, int start, int end) {
    }

    private final String template;
    private final List<Part> parts = new ArrayList<>();
    private final Pattern reverse;

    BlobPathTemplate(String template) {
        this.template = template;
        if (template == null || template.isEmpty()) {
            throw new IllegalArgumentException("blob path template is empty");
        }
        StringBuilder regex = new StringBuilder();
        Matcher m = PLACEHOLDER.matcher(template);
        int pos = 0;
        boolean full = false;
        while (m.find()) {
            literal(template.substring(pos, m.start()), regex);
            int start = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
            int end = m.group(1) == null ? 64 : start + Integer.parseInt(m.group(2));
            if (end <= start || end > 64) {
                throw invalid("digest substring out of range: " + m.group());
            }
            full |= m.group(1) == null;
            parts.add(new Part(null, start, end));
            regex.append("[0-9a-f]{").append(end - start).append('}');
            pos = m.end();
        }
        literal(template.substring(pos), regex);
        if (!full) {
            throw invalid("must contain {digest}");
        }
        if (template.startsWith("/")) {
            throw invalid("must be a relative path");
        }
        for (String segment : template.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw invalid("empty, '.' or '..' path segment");
            }
        }
        if (template.split("/")[0].equals(STAGING_DIR)) {
            throw invalid("the first segment " + STAGING_DIR + " is reserved");
        }
        reverse = Pattern.compile(regex.toString());
    }

    private void literal(String text, StringBuilder regex) {
        if (!LITERAL.matcher(text).matches()) {
            throw invalid("only letters, digits, '.', '_', '-', '/' and {digest} placeholders are allowed");
        }
        if (!text.isEmpty()) {
            parts.add(new Part(text, 0, 0));
            regex.append(Pattern.quote(text));
        }
    }

    private IllegalArgumentException invalid(String why) {
        return new IllegalArgumentException("invalid blob path template '" + template + "': " + why);
    }

    /** The relative path of a blob; {@code hex} must already be validated. */
    String render(String hex) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            out.append(part.text() != null ? part.text() : hex.substring(part.start(), part.end()));
        }
        return out.toString();
    }

    /** The digest hex stored at a relative path ("/"-separated), or empty when the path is not a blob's. */
    Optional<String> digestOf(String relativePath) {
        if (!reverse.matcher(relativePath).matches()) {
            return Optional.empty();
        }
        int offset = 0;
        for (Part part : parts) {
            if (part.text() != null) {
                offset += part.text().length();
            } else if (part.end() - part.start() == 64) {
                String hex = relativePath.substring(offset, offset + 64);
                return render(hex).equals(relativePath) ? Optional.of(hex) : Optional.empty();
            } else {
                offset += part.end() - part.start();
            }
        }
        return Optional.empty();
    }

    Path resolve(Path root, String hex) {
        return root.resolve(render(hex));
    }
}
