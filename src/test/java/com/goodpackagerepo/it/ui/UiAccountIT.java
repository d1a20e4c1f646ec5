package com.goodpackagerepo.it.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.goodpackagerepo.it.Http;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The account page: changing the password, and API tokens created (shown once), used and revoked. */
class UiAccountIT extends UiTestBase {
    private static final String PASSWORD = "Sturdy-Test-Passphrase-42";
    /** Password hashing (bcrypt) is slow on purpose, slower still on a loaded machine. */
    private static final com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions SLOW =
            new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(30_000);

    private static String createUser(String... scopes) {
        String name = Http.unique("uiuser");
        String list = String.join(",", java.util.Arrays.stream(scopes).map(s -> "\"" + s + "\"").toList());
        Http.Reply r = Http.postJson("/admin/users", Http.admin(),
                "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"scopes\":[" + list + "]}");
        assertEquals(201, r.status(), r.body());
        return name;
    }

    private static Page signedInAs(String user, String... scopes) {
        Page page = browser.page();
        UiBrowser.signIn(page, Http.login(user, PASSWORD), user, List.of(scopes));
        page.navigate("/ui/#/account");
        page.locator("#password-form").waitFor();
        return page;
    }

    @Test
    void changesThePassword() {
        String user = createUser("read");
        Page page = signedInAs(user, "read");
        page.getByLabel("Current password").fill("wrong-old-password-1");
        page.getByLabel("New password", new Page.GetByLabelOptions().setExact(true)).fill("Another-Good-Passphrase-77");
        page.getByLabel("Repeat the new password").fill("Another-Good-Passphrase-77");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change password")).click();
        assertThat(page.locator("#password-form")).containsText("The current password is wrong", SLOW);
        assertThat(page.getByLabel("Current password")).hasAttribute("aria-invalid", "true");

        page.getByLabel("Current password").fill(PASSWORD);
        page.getByLabel("New password", new Page.GetByLabelOptions().setExact(true)).fill("short");
        page.getByLabel("Repeat the new password").fill("short");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change password")).click();
        assertThat(page.locator("#password-form")).containsText("at least 12 characters");

        page.getByLabel("New password", new Page.GetByLabelOptions().setExact(true)).fill("Another-Good-Passphrase-77");
        page.getByLabel("Repeat the new password").fill("Another-Good-Passphrase-77");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change password")).click();
        assertThat(page.locator("#password-form")).containsText("Password changed", SLOW);
        assertEquals(200, Http.postJson("/auth/login", null,
                "{\"username\":\"" + user + "\",\"password\":\"Another-Good-Passphrase-77\"}").status(), "the new password works");
        page.navigate("/ui/#/");
        page.navigate("/ui/#/account");
        assertThat(page.locator("main h1")).hasText("Your account");
        assertThat(page.locator("#flash")).not().containsText("expired");
    }

    @Test
    void createsUsesAndRevokesAnApiToken() {
        String user = createUser("read", "write");
        Page page = signedInAs(user, "read", "write");
        assertThat(page.locator("#tokens-heading + p + .empty")).containsText("no API tokens");
        page.getByLabel("Token name").fill("ci-deploy");
        page.getByLabel("write").check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create token")).click();
        String token = page.locator("#new-token").textContent();
        assertThat(page.locator("#new-token-box")).containsText("it is not shown again");
        assertEquals(200, Http.get("/auth/me", token).status(), "the token shown works");
        assertThat(page.locator("main tbody tr")).hasCount(1);
        assertThat(page.locator("main tbody tr")).containsText("read, write");
        UiBrowser.screenshot(page, "account");

        page.navigate("/ui/#/");
        page.navigate("/ui/#/account");
        assertThat(page.locator("main tbody tr")).hasCount(1);
        assertThat(page.locator("#new-token")).not().isAttached();
        assertThat(page.locator("main")).not().containsText(token);

        page.locator("button[data-token='ci-deploy']").click();
        assertThat(page.locator("button[data-token='ci-deploy']")).hasText("Confirm revoke");
        page.locator("button[data-token='ci-deploy']").click();
        assertThat(page.locator("#token-form")).containsText("revoked");
        assertThat(page.locator("main tbody tr")).hasCount(0);
        assertEquals(401, Http.get("/auth/me", token).status(), "a revoked token no longer works");
    }
}
