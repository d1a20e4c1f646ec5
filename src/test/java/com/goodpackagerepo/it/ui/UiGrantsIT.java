package com.goodpackagerepo.it.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.it.Http;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

/** Admin → Namespace grants: add (with the pattern checked), the server's refusal shown, delete after a confirmation. */
class UiGrantsIT extends UiTestBase {
    private static JsonNode grantsOf(String subject) {
        return Http.get("/admin/grants?subject=" + subject, Http.admin()).json().path("grants");
    }

    @Test
    void addAndDeleteAGrant() {
        String team = Http.unique("uigrant");
        Page page = asAdmin("#/admin/grants");
        assertThat(page.locator("#admin-body")).not().containsText("Loading");
        assertThat(page.locator("main h1")).containsText("Namespace grants");

        page.locator("#grant-kind").selectOption("group");
        page.getByLabel("User or group name").fill(team);
        page.getByLabel("Namespaces").fill("a*b");
        page.locator("#grant-action").selectOption("write");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add grant")).click();
        assertThat(page.locator("#grant-pattern-error")).containsText("optionally ending in one *");
        assertEquals(0, grantsOf(team).size(), "nothing is sent for a bad pattern");

        page.getByLabel("Namespaces").fill(team + "-*");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add grant")).click();
        assertThat(page.locator("#grants-status")).containsText("Granted write on " + team + "-* to " + team);
        JsonNode grants = grantsOf(team);
        assertEquals(1, grants.size());
        assertEquals("group", grants.get(0).path("subject_kind").asText());
        Locator row = page.locator("#admin-body tr[data-grant='" + grants.get(0).path("id").asText() + "']");
        assertThat(row).containsText(team + "-*");
        UiBrowser.screenshot(page, "admin-grants");

        // the same grant again: the server's 409 in words
        page.locator("#grant-kind").selectOption("group");
        page.getByLabel("User or group name").fill(team);
        page.getByLabel("Namespaces").fill(team + "-*");
        page.locator("#grant-action").selectOption("write");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add grant")).click();
        assertThat(page.locator("#grant-form .notice-error")).isVisible();
        assertEquals(1, grantsOf(team).size());

        row.locator("[data-action=delete]").click();
        assertEquals(1, grantsOf(team).size(), "nothing happens before the confirmation");
        row.locator("[data-action=delete]").click();
        assertThat(page.locator("#grants-status")).containsText("is deleted");
        assertEquals(0, grantsOf(team).size());
        assertTrue(Http.get("/admin/events?type=grant.*&namespace=" + team + "-x", Http.admin()).json().path("events").size() >= 2);
    }

    @Test
    void theEventsPageFiltersByDateRange() {
        Page page = asAdmin("#/admin/events?type=grant.*&from=2000-01-01&to=2000-01-02");
        assertThat(page.locator("#admin-body .empty")).containsText("No events match");
        assertEquals("2000-01-01", page.locator("#events-from").inputValue());
        page.navigate("/ui/#/admin/events?from=not-a-date");
        assertThat(page.locator("#admin-body .notice-error")).isVisible();
    }
}
