package com.goodpackagerepo.it.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.goodpackagerepo.it.Http;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

/** Admin → Group mappings: a directory/OIDC group's scopes are added, changed and deleted (after a confirmation). */
class UiGroupMappingsIT extends UiTestBase {

    @Test
    void groupMappingsAreAddedChangedAndDeleted() {
        String group = Http.unique("uigroup");
        Page page = asAdmin("#/admin/group-mappings");
        assertThat(page.locator("#admin-body")).not().containsText("Loading");
        page.getByLabel("Group name").fill(group);
        page.locator("#new-mapping-write").check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save mapping")).click();
        assertThat(page.locator("#mappings-status")).containsText("Members of " + group + " now hold: read, write");
        assertEquals("[\"read\",\"write\"]", Http.get("/admin/auth/group-mappings/" + group, Http.admin()).json()
                .path("group_mapping").path("scopes").toString());

        Locator row = page.locator("#admin-body tr[data-group='" + group + "']");
        row.locator("input[value=write]").uncheck();
        row.locator("button[type=submit]").click();
        // "read." (with its full stop): the status of the first save, "read, write.", also contains "now hold: read",
        // and clicking delete before this save's re-render armed a row that the re-render then replaced
        assertThat(page.locator("#mappings-status")).containsText("now hold: read.");
        UiBrowser.screenshot(page, "admin-group-mappings");

        row = page.locator("#admin-body tr[data-group='" + group + "']");
        row.locator("[data-action=delete]").click();
        assertEquals(200, Http.get("/admin/auth/group-mappings/" + group, Http.admin()).status(),
                "nothing happens before the confirmation");
        row.locator("[data-action=delete]").click();
        assertThat(page.locator("#mappings-status")).containsText("is deleted");
        assertEquals(404, Http.get("/admin/auth/group-mappings/" + group, Http.admin()).status());
    }
}
