package com.goodpackagerepo.it.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.goodpackagerepo.it.Http;
import com.microsoft.playwright.Page;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** axe-core (WCAG 2.1 A/AA and best-practice rules) finds no violations on any page, in light and dark colours. */
class UiAccessibilityIT extends UiTestBase {

    @Test
    void noPageHasAxeViolations() {
        String ns = Http.unique("uiaxe");
        Http.putBytes("/v1/" + ns + "/app/1.0.0/any/blob", Http.admin(), "axe".getBytes(StandardCharsets.UTF_8));
        Http.putBytes("/v1/" + ns + "/app/1.1.0-rc.1/any/blob", Http.admin(), "axe2".getBytes(StandardCharsets.UTF_8));
        List<String> problems = new ArrayList<>();
        Page login = browser.page();
        login.navigate("/ui/#/login");
        assertThat(login.locator("main h1")).isVisible();
        check(login, "login", problems);
        Page page = asAdmin("#/");
        for (String route : List.of("#/", "#/?q=" + ns, "#/packages/" + ns + "/app", "#/packages/" + ns + "/missing", "#/publish", "#/account",
                "#/admin/dashboard", "#/admin/config", "#/admin/users", "#/admin/grants", "#/admin/group-mappings", "#/admin/events", "#/admin/store", "#/admin/gc", "#/nowhere")) {
            page.navigate("/ui/" + route);
            assertThat(page.locator("main h1")).isVisible();
            page.waitForFunction("() => !document.querySelector('main').innerText.includes('Loading')");
            check(page, route, problems);
        }
        // the dark colours too (contrast)
        page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(com.microsoft.playwright.options.ColorScheme.DARK));
        for (String route : List.of("#/", "#/packages/" + ns + "/app", "#/publish", "#/account", "#/admin/dashboard", "#/admin/users",
                "#/admin/gc")) {
            page.navigate("/ui/" + route);
            assertThat(page.locator("main h1")).isVisible();
            page.waitForFunction("() => !document.querySelector('main').innerText.includes('Loading')");
            check(page, "dark " + route, problems);
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static void check(Page page, String route, List<String> problems) {
        AxeResults results = new AxeBuilder(page).withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice")).analyze();
        results.getViolations().forEach(v -> problems.add(route + ": " + v.getId() + " — " + v.getHelp() + " at "
                + v.getNodes().stream().map(n -> String.valueOf(n.getTarget())).limit(3).collect(Collectors.joining(", "))));
    }
}
