package com.goodpackagerepo.it.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.it.Http;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Admin → Users actions, the dashboard's charts from live data, filtered events, GC and store statistics. */
class UiAdminActionsIT extends UiTestBase {
    private static final String PASSWORD = "correct-horse-battery-1";

    private static Page admin(String tab) {
        Page page = asAdmin("#/admin/" + tab);
        assertThat(page.locator("#admin-body")).not().containsText("Loading");
        return page;
    }

    private static Locator userRow(Page page, String user) {
        return page.locator("#admin-body tr[data-user='" + user + "']");
    }

    @Test
    void disableEnableScopesPasswordResetAndDeleteWithConfirmation() {
        String user = Http.unique("uiuser");
        assertEquals(201, Http.postJson("/admin/users", Http.admin(),
                "{\"username\":\"" + user + "\",\"password\":\"" + PASSWORD + "\",\"scopes\":[\"read\",\"write\"]}").status());
        String token = Http.login(user, PASSWORD);
        assertEquals(200, Http.get("/auth/me", token).status());

        Page page = admin("users");
        userRow(page, user).locator("[data-action=disable]").click();
        assertThat(userRow(page, user).locator("[data-action=disable]")).hasText("Confirm: disable " + user);
        assertEquals(200, Http.get("/auth/me", token).status(), "nothing happens before the confirmation");
        userRow(page, user).locator("[data-action=disable]").click();
        assertThat(page.locator("#users-status")).containsText(user + " is disabled");
        assertThat(userRow(page, user)).containsText("disabled");
        assertEquals(401, Http.get("/auth/me", token).status(), "the disabled user's session stops working");
        assertEquals(401, Http.postJson("/auth/login", null, "{\"username\":\"" + user + "\",\"password\":\"" + PASSWORD + "\"}").status());
        UiBrowser.screenshot(page, "admin-users");

        userRow(page, user).locator("[data-action=enable]").click();
        assertThat(page.locator("#users-status")).containsText("enabled again");
        String again = Http.login(user, PASSWORD);

        userRow(page, user).locator("[data-action=edit]").click();
        page.locator(".user-editor input[value=write]").uncheck();
        page.locator(".user-editor .user-scopes button").click();
        assertThat(page.locator("#users-status")).containsText("Scopes of " + user + ": read");
        assertEquals("[\"read\"]", Http.get("/admin/users/" + user, Http.admin()).json().path("user").path("scopes").toString());

        userRow(page, user).locator("[data-action=edit]").click();
        page.locator(".user-editor input[type=password]").fill("short");
        page.locator(".user-editor .user-password button").click();
        assertThat(page.locator(".user-editor .field-error")).containsText("at least 12 characters");
        page.locator(".user-editor input[type=password]").fill("a-brand-new-password-42");
        page.locator(".user-editor .user-password button").click();
        assertThat(page.locator("#users-status")).containsText("password of " + user + " is reset");
        assertEquals(401, Http.get("/auth/me", again).status(), "sessions from before the reset end");
        Http.login(user, "a-brand-new-password-42");

        userRow(page, user).locator("[data-action=delete]").click();
        userRow(page, user).getByText("Cancel").click();
        assertEquals(200, Http.get("/admin/users/" + user, Http.admin()).status(), "cancelled: still there");
        userRow(page, user).locator("[data-action=delete]").click();
        userRow(page, user).locator("[data-action=delete]").click();
        assertThat(page.locator("#users-status")).containsText(user + " is deleted");
        assertThat(userRow(page, user)).hasCount(0);
        assertEquals(404, Http.get("/admin/users/" + user, Http.admin()).status());
        assertThat(page.locator("tr[data-user=admin] [data-action=delete]")).isDisabled();
    }

    @Test
    void theDashboardDrawsItsChartsFromLiveData() {
        String ns = Http.unique("uidash");
        assertEquals(201, Http.putBytes("/v1/" + ns + "/app/1.0.0/any/blob", Http.admin(), "dash".getBytes(StandardCharsets.UTF_8)).status());
        Page page = admin("dashboard");
        assertThat(page.locator("#chart-storage canvas")).isVisible();
        assertThat(page.locator("#chart-traffic canvas")).isVisible();
        assertThat(page.locator("#chart-errors canvas")).isVisible();
        JsonNode samples = Http.get("/admin/metrics/history", Http.admin()).json().path("samples");
        JsonNode last = samples.get(samples.size() - 1);
        assertTrue(samples.size() >= 2, "a stored sample and the current one");
        assertTrue(last.path("artifact_count").asLong() >= 1);
        assertTrue(last.path("publishes_total").asLong() >= 1);
        assertTrue(Integer.parseInt(page.locator("#chart-storage").getAttribute("data-points")) >= 2);
        assertEquals(last.path("artifact_count").asLong(), Long.parseLong(page.locator("#stat-artifacts").textContent().replace(",", "")),
                "the page shows what the server counted (nothing published in between)");
        assertThat(page.locator("#chart-storage [role=img]")).hasAttribute("aria-label", java.util.regex.Pattern.compile("artifacts"));
        assertTrue(UiBrowser.cspViolations(page).isEmpty(), "the WebJar loads under the CSP: " + UiBrowser.cspViolations(page));
        UiBrowser.screenshot(page, "admin-dashboard");
    }

    @Test
    void eventsAreFilteredAndPaged() {
        String ns = Http.unique("uiev");
        for (int i = 0; i < 3; i++) {
            assertEquals(201, Http.putBytes("/v1/" + ns + "/app/1.0." + i + "/any/blob", Http.admin(), ("e" + i).getBytes(StandardCharsets.UTF_8)).status());
        }
        // more than one page (25) in the log, whatever ran before
        for (int i = 0; Http.get("/admin/events?limit=1", Http.admin()).json().path("length").asLong() <= 30; i++) {
            assertEquals(201, Http.putBytes("/v1/" + ns + "-fill/app/1.0." + i + "/any/blob", Http.admin(), ("f" + i).getBytes(StandardCharsets.UTF_8)).status());
        }
        Page page = admin("events");
        page.getByLabel("Type").fill("artifact.published");
        page.getByLabel("Namespace").fill(ns);
        page.getByLabel("User").fill("admin");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Filter")).click();
        Locator rows = page.locator("#admin-body tbody tr");
        assertThat(rows).hasCount(3);
        assertThat(rows.first()).containsText("1.0.2");
        assertThat(rows.first()).containsText("2 B");
        UiBrowser.screenshot(page, "admin-events");
        page.navigate("/ui/#/admin/events?namespace=" + ns + "-none");
        assertThat(page.locator("#admin-body .empty")).containsText("No events match");
        page.navigate("/ui/#/admin/events");
        assertThat(page.locator("#admin-body tbody tr")).hasCount(25);
        String newest = page.locator("#admin-body tbody tr").first().locator("td").first().textContent();
        page.locator("#events-older").click();
        assertThat(page.locator("#admin-body tbody tr").first().locator("td").first()).not().hasText(newest);
        page.locator("#events-newer").click();
        assertThat(page.locator("#admin-body tbody tr").first().locator("td").first()).hasText(newest);

        assertEquals(400, Http.get("/admin/events?order=sideways", Http.admin()).status());
        assertEquals(400, Http.get("/admin/events?order=desc&before=-1", Http.admin()).status());
    }

    @Test
    void theHistoryIsForAdminsOnly() {
        String user = Http.unique("uireader");
        assertEquals(201, Http.postJson("/admin/users", Http.admin(),
                "{\"username\":\"" + user + "\",\"password\":\"" + PASSWORD + "\",\"scopes\":[\"read\"]}").status());
        assertEquals(403, Http.get("/admin/metrics/history", Http.login(user, PASSWORD)).status());
        assertEquals(401, Http.get("/admin/metrics/history", null).status());
    }

    @Test
    void collectNowAsksFirstAndTheScheduleIsASentence() {
        Page page = admin("gc");
        AtomicInteger posts = new AtomicInteger();
        page.onRequest(r -> {
            if (r.method().equals("POST") && r.url().contains("/admin/gc/runs")) {
                posts.incrementAndGet();
            }
        });
        assertThat(page.locator("#gc-schedule")).not().containsText("{");
        assertThat(page.locator("#gc-schedule")).containsText(java.util.regex.Pattern.compile("Every|off"));
        page.locator("#gc-collect").click();
        assertThat(page.locator("#gc-collect")).containsText("Confirm");
        page.getByText("Cancel").click();
        assertThat(page.locator("#gc-collect")).hasText("Collect now");
        assertEquals(0, posts.get(), "no collection without the confirmation");
        UiBrowser.screenshot(page, "admin-gc");
    }

    @Test
    void storeStatisticsShowBlobCountSizeAndTheRealDirectories() {
        JsonNode stores = Http.get("/admin/store/stats", Http.admin()).json().path("stores");
        JsonNode primary = stores.path("blob_stores").get(0);
        assertTrue(primary.path("blob_count").asLong() >= 0);
        Page page = admin("store");
        assertThat(page.locator("#admin-body")).containsText(primary.path("root").asText());
        assertThat(page.locator("#admin-body")).containsText(stores.path("metadata").path("root").asText());
        UiBrowser.screenshot(page, "admin-store");

        Page config = admin("config");
        Locator roots = config.locator("#stores-card .store-root");
        assertThat(roots.first()).hasText(primary.path("root").asText());
        assertThat(roots.last()).hasText(stores.path("metadata").path("root").asText());
        assertThat(config.locator("#stores-card")).not().containsText("rocksdb");
        assertFalse(config.locator("#admin-body").innerText().contains("^["), "no raw regex on the configuration page");
    }
}
