package com.goodpackagerepo.it.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.goodpackagerepo.it.Http;
import com.microsoft.playwright.Page;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The package page of a Maven-deployed package shows its coordinates and dependency snippets; others do not. */
class UiMavenIT extends UiTestBase {
    private static void deploy(String path, String body) {
        Http.Reply r = Http.send(HttpRequest.newBuilder(URI.create(Http.BASE + "/maven/releases/" + path))
                .header("Authorization", "Bearer " + Http.admin())
                .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
        assertEquals(201, r.status(), r.body());
    }

    @Test
    void aMavenPackageShowsCoordinatesAndSnippets() {
        String group = "org.ui" + Long.toString(System.nanoTime(), 36);
        String dir = group.replace('.', '/') + "/widget/2.1.0/";
        deploy(dir + "widget-2.1.0.pom", "<project/>");
        deploy(dir + "widget-2.1.0.jar", "jar bytes");
        Page page = asAdmin("#/packages/" + group + "/widget");
        assertThat(page.locator("#maven-coordinates")).hasText(group + ":widget:2.1.0");
        assertThat(page.locator("#maven .command pre").first()).containsText("<artifactId>widget</artifactId>");
        assertThat(page.locator("#maven .command pre").nth(1)).containsText("implementation(\"" + group + ":widget:2.1.0\")");
    }

    @Test
    void aGenericPackageHasNoMavenSection() {
        String ns = Http.unique("uinomaven");
        assertEquals(201, Http.putBytes("/v1/" + ns + "/tool/1.0.0/linux/blob", Http.admin(), "x".getBytes()).status());
        Page page = asAdmin("#/packages/" + ns + "/tool");
        assertThat(page.locator("main h1")).hasText(ns + "/tool");
        assertThat(page.locator("#maven")).hasCount(0);
    }
}
