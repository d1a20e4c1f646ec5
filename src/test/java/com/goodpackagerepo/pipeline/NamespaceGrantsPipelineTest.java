package com.goodpackagerepo.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goodpackagerepo.auth.ApiTokenLimits;
import com.goodpackagerepo.auth.NamespaceAction;
import com.goodpackagerepo.auth.NamespaceGrant;
import com.goodpackagerepo.auth.NamespacePattern;
import com.goodpackagerepo.auth.Principal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped routes honour grants (component test: the real pipelines in-process): a matrix of callers × namespaces ×
 * actions over publish, fetch, latest, set tag and the proxy route's local read, in both modes.
 */
class NamespaceGrantsPipelineTest {
    @TempDir
    Path dir;
    PipelineHarness harness;

    static final Principal ROOT = new Principal("root", Set.of("admin"), "j0", false);
    static final Principal ANN = new Principal("ann", Set.of("read"), "j1", false);
    static final Principal GIL = new Principal("gil", Set.of(), "j2", false, Principal.Kind.SESSION, null, null, Set.of("team-web"));
    static final Principal WES = new Principal("wes", Set.of("read", "write"), "j3", false);
    static final Principal NARROW = new Principal("wes", Set.of("read", "write"), "tok-narrow", false, Principal.Kind.API_TOKEN, null, null);

    @BeforeEach
    void open() {
        harness = new PipelineHarness(dir);
        harness.grants.add(grant(NamespaceGrant.SubjectKind.USER, "ann", "acme", NamespaceAction.WRITE));
        harness.grants.add(grant(NamespaceGrant.SubjectKind.GROUP, "team-web", "web-*", NamespaceAction.ADMIN));
        harness.grants.add(grant(NamespaceGrant.SubjectKind.USER, "wes", "acme-*", NamespaceAction.WRITE));
        harness.tokenLimits.put("tok-narrow", new ApiTokenLimits(NamespaceAction.WRITE, List.of(NamespacePattern.parse("acme-*"))));
        for (String ns : List.of("acme", "acme-tools", "web-shop", "other")) {
            assertEquals(201, status(harness.run("PUT", "/v1/" + ns + "/app/1.0.0/x/blob", ROOT, "seed-" + ns)));
        }
    }

    @AfterEach
    void close() {
        harness.close();
    }

    static NamespaceGrant grant(NamespaceGrant.SubjectKind kind, String subject, String pattern, NamespaceAction action) {
        return new NamespaceGrant("g_" + subject, kind, subject, NamespacePattern.parse(pattern), action, Instant.EPOCH, "root");
    }

    static int status(PipelineResult r) {
        return Results.status(r);
    }

    /** "r" when fetch and latest work, "w" when publish and tag work too; "-" for neither; "?" for a mix. */
    String row(Principal caller, int round) {
        StringBuilder out = new StringBuilder();
        for (String ns : List.of("acme", "acme-tools", "web-shop", "other")) {
            boolean fetch = status(harness.run("GET", "/v1/" + ns + "/app/1.0.0/x/blob", caller, null)) == 200;
            boolean latest = status(harness.run("GET", "/v1/" + ns + "/app/latest", caller, null)) == 200;
            boolean proxyLocal = status(harness.run("GET", "/v1/proxy/" + ns + "/app/1.0.0/x/blob", caller, null)) < 400;
            boolean publish = status(harness.run("PUT", "/v1/" + ns + "/app/2." + round + ".0/x/blob", caller, "b")) == 201;
            boolean tag = status(harness.run("PUT", "/v1/" + ns + "/app/tags/stable", caller,
                    "{\"target_version\":\"1.0.0\",\"target_variant\":\"x\"}")) < 300;
            if (fetch && latest && proxyLocal && publish && tag) {
                out.append('w');
            } else if (fetch && latest && proxyLocal && !publish && !tag) {
                out.append('r');
            } else if (!fetch && !latest && !proxyLocal && !publish && !tag) {
                out.append('-');
            } else {
                out.append('?').append(fetch ? "F" : "").append(latest ? "L" : "").append(proxyLocal ? "P" : "")
                        .append(publish ? "U" : "").append(tag ? "T" : "");
            }
        }
        return out.toString();
    }

    @Test
    void theMatrixInBothModes() {
        List<String> wrong = new ArrayList<>();
        check(wrong, "ann", ANN, "wrrr", 1);
        check(wrong, "gil", GIL, "--w-", 2);
        check(wrong, "wes", WES, "wwww", 3);
        check(wrong, "narrowed token of wes", NARROW, "-w--", 4);
        harness.restricted = true;
        check(wrong, "ann restricted", ANN, "wrrr", 5);
        check(wrong, "wes restricted", WES, "rwrr", 6);
        check(wrong, "root restricted", ROOT, "wwww", 7);
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    private void check(List<String> wrong, String who, Principal caller, String expected, int round) {
        String actual = row(caller, round);
        if (!actual.equals(expected)) {
            wrong.add(who + ": expected " + expected + " got " + actual);
        }
    }

    @Test
    void aCachedFetchIsStillRefusedToATokenNarrowedElsewhere() {
        assertEquals(200, status(harness.run("GET", "/v1/other/app/1.0.0/x/blob", WES, null)), "now in the response cache");
        assertEquals(403, status(harness.run("GET", "/v1/other/app/1.0.0/x/blob", NARROW, null)));
    }

    @Test
    void theRawPathNamespaceIsNormalizedBeforeGrantsAreMatched() {
        Principal rita = new Principal("rita", Set.of(), "j9", false);
        harness.grants.add(grant(NamespaceGrant.SubjectKind.USER, "rita", "acme", NamespaceAction.READ));
        assertEquals(200, status(harness.run("GET", "/v1/ACME/app/1.0.0/x/blob", rita, null)));
        assertEquals(403, status(harness.run("GET", "/v1/other/app/1.0.0/x/blob", rita, null)));
    }
}
