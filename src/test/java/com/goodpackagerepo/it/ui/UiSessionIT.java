package com.goodpackagerepo.it.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goodpackagerepo.it.Http;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Signing in and out, sessions that end under the page, the UI's CSP, and where / leads. */
class UiSessionIT extends UiTestBase {

    @BeforeAll
    static void start() {
        Http.admin();
    }

    @Test
    void rootRedirectsToTheUiWhichNeedsASignIn() {
        Http.Reply root = Http.get("/", null);
        assertEquals(302, root.status());
        assertTrue(root.header("Location").endsWith("/ui/"), root.header("Location"));
        Page page = browser.page();
        page.navigate("/");
        page.waitForURL(Pattern.compile(".*/ui/#/login.*"));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Sign in"))).isVisible();
    }

    @Test
    void signInWithWrongThenRightPasswordAndSignOut() {
        Page page = browser.page();
        page.navigate("/ui/#/login");
        page.getByLabel("User name").fill("admin");
        page.getByLabel("Password").fill("not-the-password");
        page.locator("#login-form button[type=submit]").click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("Wrong user name or password");
        UiBrowser.screenshot(page, "login");
        page.getByLabel("Password").fill(Http.ADMIN_PASSWORD);
        page.locator("#login-form button[type=submit]").click();
        assertThat(page.locator(".whoami")).hasText("Signed in as admin");
        assertThat(page.locator("main h1")).hasText("Packages");
        String token = (String) page.evaluate("() => JSON.parse(sessionStorage.getItem('gpr.session')).token");
        assertEquals(200, Http.get("/auth/me", token).status(), "the UI's token is a real session");
        assertTrue(page.context().cookies().isEmpty(), "no cookie holds the session");
        page.locator("#logout").click();
        assertThat(page.locator("#flash")).containsText("signed out");
        page.waitForURL(Pattern.compile(".*#/login.*"));
        assertEquals(401, Http.get("/auth/me", token).status(), "signing out ends the session on the server too");
    }

    @Test
    void anInvalidOrEndedSessionReturnsToLoginWithAMessage() {
        Page page = browser.page();
        UiBrowser.signIn(page, "not-a-valid-token", "admin", List.of("admin"));
        page.navigate("/ui/#/account");
        page.waitForURL(Pattern.compile(".*#/login\\?expired=1.*"));
        assertThat(page.locator("#flash")).containsText("session has expired");

        String token = Http.login("admin", Http.ADMIN_PASSWORD);
        UiBrowser.signIn(page, token, "admin", List.of("admin"));
        page.navigate("/ui/#/");
        assertThat(page.locator(".whoami")).hasText("Signed in as admin");
        assertEquals(200, Http.postJson("/auth/logout", token, "{}").status(), "the session ends elsewhere");
        page.navigate("/ui/#/account");
        assertThat(page.locator("#flash")).containsText("session has expired");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Sign in"))).isVisible();
        assertEquals(null, page.evaluate("() => sessionStorage.getItem('gpr.session')"), "the dead token is forgotten");
    }

    @Test
    void everyPageRunsUnderTheStrictCspWithoutViolations() {
        Page page = browser.page();
        Response response = page.navigate("/ui/");
        String csp = response.headerValue("content-security-policy");
        assertTrue(csp.contains("script-src 'self'") && csp.contains("style-src 'self'") && !csp.contains("unsafe-inline"), csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
        assertEquals("nosniff", response.headerValue("x-content-type-options"));
        UiBrowser.signIn(page, Http.admin(), "admin", List.of("admin"));
        for (String route : List.of("#/", "#/publish", "#/account", "#/admin/config", "#/admin/users", "#/admin/events",
                "#/admin/store", "#/admin/gc")) {
            page.navigate("/ui/" + route);
            page.locator("main h1").waitFor();
            page.waitForLoadState();
            assertThat(page.locator("main")).not().containsText("Something went wrong");
        }
        assertEquals(List.of(), UiBrowser.cspViolations(page), "CSP violations");
        assertEquals(List.of(), browser.consoleErrors.stream().filter(m -> m.contains("Content Security Policy")).toList());
    }

    @Test
    void theInlineScriptBanIsReal() {
        Page page = browser.page();
        page.navigate("/ui/");
        page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.__ran = true'; document.body.append(s); }");
        assertEquals(null, page.evaluate("() => window.__ran || null"), "an inline script must not run");
        assertTrue(UiBrowser.cspViolations(page).stream().anyMatch(v -> v.startsWith("script-src")), "and it is reported");
    }

    @Test
    void narrowScreensFoldTheMenu() {
        Page page = browser.page(375, 800);
        UiBrowser.signIn(page, Http.admin(), "admin", List.of("read", "write", "admin"));
        page.navigate("/ui/#/");
        assertThat(page.locator("#menu-toggle")).isVisible();
        assertThat(page.locator("#nav")).isHidden();
        page.locator("#menu-toggle").click();
        assertThat(page.locator("#nav")).isVisible();
        assertThat(page.locator("#menu-toggle")).hasAttribute("aria-expanded", "true");
        page.locator("#menu-toggle").click();
        UiBrowser.screenshot(page, "narrow-packages");
    }
}
