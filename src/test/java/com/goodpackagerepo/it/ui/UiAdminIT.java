package com.goodpackagerepo.it.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.it.Http;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Administration: feature flags edited, a bad route refused with the server's reason, and the other pages. */
class UiAdminIT extends UiTestBase {

    private static Page admin(String tab) {
        Page page = asAdmin("#/admin/" + tab);
        page.locator("#admin-body section").first().waitFor();
        return page;
    }

    private static boolean feature(String name) {
        return Http.get("/admin/features", Http.admin()).json().path("features").path(name).asBoolean();
    }

    @Test
    void editsAFeatureFlag() {
        boolean before = feature("mutable_tags");
        JsonNode flagsBefore = Http.get("/schema", Http.admin()).json().path("features");
        Page page = admin("config");
        try {
            page.getByLabel("mutable_tags").setChecked(!before);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save features")).click();
            assertThat(page.locator("#features-form")).containsText("Saved: configuration revision");
            assertEquals(!before, feature("mutable_tags"));
            com.fasterxml.jackson.databind.node.ObjectNode expected = flagsBefore.deepCopy();
            expected.put("mutable_tags", !before);
            assertEquals(expected, Http.get("/schema", Http.admin()).json().path("features"),
                    "only the flag that changed is written (no derived flag such as gc_enabled added)");
        } finally {
            Http.putJson("/admin/features", Http.admin(), "{\"mutable_tags\":" + before + "}");
        }
        assertThat(page.locator("#routes-card tbody tr").first()).isVisible();
        UiBrowser.screenshot(page, "admin-config");
    }

    @Test
    void showsTheServersValidationErrorForABadRoute() {
        JsonNode before = Http.get("/admin/routes/resolve_latest", Http.admin()).json().path("item");
        Page page = admin("config");
        page.locator("#routes-card button[data-edit='resolve_latest']").click();
        String json = page.locator("#routes-editor textarea").inputValue();
        page.locator("#routes-editor textarea").fill(json.replace("\"index.query\"", "\"no.such_op\""));
        page.locator("#routes-editor button[type=submit]").click();
        assertThat(page.locator("#routes-editor .notice-error")).containsText("The server refused the change");
        assertThat(page.locator("#routes-editor .server-error")).containsText("no.such_op");
        assertEquals(before, Http.get("/admin/routes/resolve_latest", Http.admin()).json().path("item"), "nothing changed");
        UiBrowser.screenshot(page, "admin-route-error");

        page.locator("#routes-editor textarea").fill("{ not json");
        page.locator("#routes-editor button[type=submit]").click();
        assertThat(page.locator("#routes-editor .field-error")).containsText("Not valid JSON");
    }

    @Test
    void editsAnUpstreamAndShowsRefusals() {
        Page page = admin("config");
        page.locator("#upstreams-add").click();
        String name = Http.unique("mirror");
        page.locator("#upstreams-editor textarea").fill("{\"name\":\"" + name + "\",\"base_url\":\"not a url\"}");
        page.locator("#upstreams-editor button[type=submit]").click();
        assertThat(page.locator("#upstreams-editor .server-error")).not().isEmpty();
        assertEquals(404, Http.get("/admin/upstreams/" + name, Http.admin()).status());
    }

    @Test
    void showsUsersEventsStoreAndGarbageCollection() {
        Page page = admin("users");
        assertThat(page.locator("#admin-body tbody")).containsText("admin");
        UiBrowser.screenshot(page, "admin-users");
        page.navigate("/ui/#/admin/events");
        assertThat(page.locator("#admin-body h2")).containsText("Recent events");
        assertThat(page.locator("#admin-body tbody tr").first()).isVisible();
        UiBrowser.screenshot(page, "admin-events");
        page.navigate("/ui/#/admin/store");
        assertThat(page.locator("#admin-body")).containsText("Metadata store");
        assertThat(page.locator("#admin-body tbody tr").first()).isVisible();
        UiBrowser.screenshot(page, "admin-store");
        page.navigate("/ui/#/admin/gc");
        assertThat(page.locator("#admin-body h2")).hasText("Garbage collection");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start a dry run")).click();
        assertThat(page.locator("#admin-body .notice-ok")).containsText("Started a dry run");
        String run = page.locator("#admin-body .notice-ok").textContent().replaceAll(".*run (\\S+)\\.$", "$1");
        assertThat(page.locator("#admin-body tbody tr").first()).containsText(run);
        assertThat(page.locator("#admin-body tbody tr").first()).containsText("completed",
                new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(60_000));
        UiBrowser.screenshot(page, "admin-gc");
    }

    @Test
    void nonAdminsDoNotGetTheAdminPages() {
        Page page = browser.page();
        UiBrowser.signIn(page, Http.admin(), "reader", List.of("read"));
        page.navigate("/ui/#/admin/config");
        assertThat(page.locator("main h1")).hasText("Not allowed");
        assertThat(page.locator("#nav")).not().containsText("Admin");
    }
}
