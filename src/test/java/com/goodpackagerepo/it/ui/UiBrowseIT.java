package com.goodpackagerepo.it.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.it.Http;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Finding a package by search, its page (versions, latest, digests, commands) and setting a tag. */
class UiBrowseIT extends UiTestBase {
    private static String ns;

    @BeforeAll
    static void start() {
        ns = Http.unique("uibrowse");
        for (String path : List.of("widget/1.0.0/linux", "widget/1.2.0/linux", "widget/1.2.0/darwin", "widget/1.10.0-rc.1/linux",
                "gadget/0.1.0/any")) {
            Http.Reply r = Http.putBytes("/v1/" + ns + "/" + path + "/blob", Http.admin(), path.getBytes(StandardCharsets.UTF_8));
            assertEquals(201, r.status(), r.body());
        }
    }

    private static Page signedIn() {
        return asAdmin("#/");
    }

    @Test
    void searchFindsThePackageAndOpensItsPage() {
        Page page = signedIn();
        page.navigate("/ui/#/");
        page.getByLabel("Search packages").fill(ns + "/wid");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();
        Locator rows = page.locator("main tbody tr");
        assertThat(rows).hasCount(1);
        assertThat(rows.first()).containsText(ns + "/widget");
        assertThat(rows.first()).containsText("1.2.0");
        UiBrowser.screenshot(page, "packages");

        page.getByLabel("Search packages").fill(ns + "-nothing-like-this");
        page.getByLabel("Search packages").press("Enter");
        assertThat(page.locator(".empty")).containsText("No packages match");

        page.navigate("/ui/#/");
        page.getByLabel("Search packages").fill(ns + "/wid");
        page.getByLabel("Search packages").press("Enter");
        page.getByRole(com.microsoft.playwright.options.AriaRole.LINK, new Page.GetByRoleOptions().setName(ns + "/widget")).click();
        page.waitForURL(Pattern.compile(".*#/packages/" + ns + "/widget"));
        assertThat(page.locator("main h1")).hasText(ns + "/widget");
        assertThat(page.locator("#latest-version")).hasText("1.2.0");
        Locator versions = page.locator("#versions tbody tr");
        assertThat(versions).hasCount(4);
        assertThat(versions.nth(0)).containsText("1.10.0-rc.1");
        assertThat(versions.nth(3)).containsText("1.0.0");
        assertThat(page.locator("#versions tbody tr:has(.badge-latest)")).hasCount(1);
        assertThat(page.locator("#versions tbody tr:has(.badge-latest)")).hasAttribute("data-version", "1.2.0");
        JsonNode latest = Http.get("/v1/" + ns + "/widget/latest", Http.admin()).json();
        String hex = latest.path("blob_digest").asText().substring("sha256:".length());
        String variant = latest.path("variant").asText();
        assertThat(page.locator("#commands-heading")).containsText("1.2.0 (" + variant + ")");
        assertThat(page.locator(".command pre").first()).containsText("/v1/" + ns + "/widget/1.2.0/" + variant + "/blob");
        assertThat(page.locator(".command pre").nth(1)).containsText("echo \"" + hex + "  widget-1.2.0-" + variant + "\" | sha256sum -c -");
    }

    @Test
    void setsATagFromThePackagePage() {
        Page page = signedIn();
        page.navigate("/ui/#/packages/" + ns + "/widget");
        assertThat(page.locator(".empty")).containsText("No tags yet");
        page.getByLabel("Tag", new Page.GetByLabelOptions().setExact(true)).fill("Stable");
        page.getByLabel("Points to").selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("1.0.0 (linux)"));
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Set tag")).click();
        assertThat(page.locator("#tags-heading + ul")).containsText("stable → 1.0.0 (linux)");
        assertThat(page.locator("#versions tbody tr[data-version='1.0.0'] .badge")).hasText("stable");
        JsonNode tag = Http.get("/v1/" + ns + "/widget/tags/stable", Http.admin()).json();
        assertEquals("1.0.0", tag.path("target_version").asText());
        UiBrowser.screenshot(page, "package");

        page.getByLabel("Tag", new Page.GetByLabelOptions().setExact(true)).fill("-bad");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Set tag")).click();
        assertThat(page.locator("#tag-form .field-error:not([hidden])")).containsText("For example: stable");
    }

    @Test
    void anUnknownPackageSaysSo() {
        Page page = signedIn();
        page.navigate("/ui/#/packages/" + ns + "/nothing-here");
        assertThat(page.locator("main h1")).hasText("Package not found");
    }
}
