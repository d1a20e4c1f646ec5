package com.goodpackagerepo.it.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goodpackagerepo.it.Http;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ColorScheme;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Readable messages (no regex, no codes), the bugs of issue 20 and the polish items. */
class UiMessagesAndBugsIT extends UiTestBase {
    private static String ns;

    @BeforeAll
    static void publish() {
        ns = Http.unique("uimsg");
        for (String path : new String[] {"rel/1.0.0/any", "rel/1.1.0/any", "rel/2.0.0-rc.1/any", "pre/3.0.0-beta.1/any"}) {
            assertEquals(201, Http.putBytes("/v1/" + ns + "/" + path + "/blob", Http.admin(), path.getBytes(StandardCharsets.UTF_8)).status());
        }
    }

    private static void noRawRuleOrCode(Page page) {
        String text = page.locator("main").innerText();
        for (String raw : new String[] {"^[", "]{0,", "must match", "VALIDATION_ERROR", "WEAK_PASSWORD", "(rule:"}) {
            assertFalse(text.contains(raw), "'" + raw + "' reached the page: " + text);
        }
    }

    @Test
    void publishFieldsSayWhatIsAllowedAndShowTheNormalisedName() {
        Page page = asAdmin("#/publish");
        assertThat(page.locator("#publish-form")).containsText("For example: my-app");
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("My_App");
        assertThat(page.locator("#publish-form .normalized").nth(1)).hasText("Will be stored as “my-app”.");
        page.getByLabel("Namespace").fill("-bad");
        page.getByLabel("Version").fill("1.0.0");
        page.getByLabel("Variant").fill("any");
        page.locator("#publish-button").click();
        Locator error = page.locator(".field-error:not([hidden])", new Page.LocatorOptions().setHasText("Namespace"));
        assertThat(error).containsText("Namespace is not allowed as written");
        assertThat(error).containsText("For example: my-team");
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cancel"))).isHidden();
        noRawRuleOrCode(page);
    }

    @Test
    void serverErrorsAreSentencesToo() {
        Page page = asAdmin("#/admin/users");
        page.getByLabel("User name").fill(Http.unique("weak"));
        page.getByLabel("Initial password").fill("password");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create user")).click();
        assertThat(page.locator("#user-form .notice-error")).containsText("at least");
        noRawRuleOrCode(page);

        page.navigate("/ui/#/packages/" + ns + "/rel");
        page.getByLabel("Tag", new Page.GetByLabelOptions().setExact(true)).fill("-bad");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Set tag")).click();
        assertThat(page.locator("#tag-form .field-error:not([hidden])")).containsText("For example: stable");
        noRawRuleOrCode(page);
    }

    @Test
    void packagePagesHandlePrereleasesAndMissingPackages() {
        Page page = asAdmin("#/packages/" + ns + "/pre");
        assertThat(page.locator("#no-latest")).containsText("only prereleases");
        assertThat(page.locator(".command pre")).hasCount(2);
        assertFalse(String.join("\n", page.locator(".command pre").allInnerTexts()).contains("/latest"));
        assertThat(page.locator("#versions .badge-pre")).hasText("prerelease");

        page.navigate("/ui/#/packages/" + ns + "/rel");
        assertThat(page.locator("#versions tr[data-version='2.0.0-rc.1'] .badge-pre")).isVisible();
        assertThat(page.locator(".command pre").last()).containsText("/latest");
        assertThat(page.locator("#tag-form select option:checked")).containsText("1.1.0");
        assertTrue(page.title().startsWith(ns + "/rel"), page.title());
        assertEquals("pre", page.locator(".command pre").first().evaluate("e => getComputedStyle(e).whiteSpace"));
        for (String header : page.locator("#versions th").allInnerTexts()) {
            assertFalse(header.isBlank(), "every column has a header");
        }
        Object gap = page.locator("#versions tr[data-version='1.1.0'] .badge-latest").evaluate("e => getComputedStyle(e).marginLeft");
        assertNotEquals("0px", gap);

        page.navigate("/ui/#/packages/" + ns + "/nothing-here");
        assertThat(page.locator("main h1")).hasText("Package not found");
        assertThat(page.locator("main")).not().containsText("no artifacts");
    }

    @Test
    void theSearchBoxIsLimitedAndTitlesFollowThePage() {
        Page page = asAdmin("#/");
        page.getByLabel("Search packages").fill("x".repeat(300));
        assertEquals(200, page.getByLabel("Search packages").inputValue().length());
        assertTrue(page.title().startsWith("Packages"), page.title());
        page.navigate("/ui/#/account");
        assertThat(page.locator("main h1")).hasText("Your account");
        assertTrue(page.title().startsWith("Your account"));
        page.navigate("/ui/#/admin/users");
        assertThat(page.locator("main h1")).containsText("Users");
        assertTrue(page.title().contains("Users"));
    }

    @Test
    void tokenExpiryInThePastIsExplainedAndANewTokenShowsAtTheTop() {
        Page page = asAdmin("#/account");
        AtomicInteger posts = new AtomicInteger();
        page.onRequest(r -> {
            if (r.method().equals("POST") && r.url().endsWith("/auth/tokens")) {
                posts.incrementAndGet();
            }
        });
        page.getByLabel("Token name").fill(Http.unique("tok"));
        page.getByLabel("Expires on (optional)").fill(LocalDate.now(ZoneOffset.UTC).minusDays(1).toString());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create token")).click();
        assertThat(page.locator("#token-form .field-error:not([hidden])")).containsText("Choose a day after today");
        assertEquals(0, posts.get());
        noRawRuleOrCode(page);

        page.getByLabel("Expires on (optional)").fill("");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create token")).click();
        assertThat(page.locator("#new-token-box #new-token")).isVisible();
        assertThat(page.locator("#new-token-box")).isFocused();
        double box = page.locator("#new-token-box").boundingBox().y;
        double tableTop = page.locator("#tokens-heading ~ .table-wrap").boundingBox().y;
        assertTrue(box < tableTop, "the new token is above the list");
    }

    @Test
    void rulesAndSchedulesReadAsSentences() {
        Page page = asAdmin("#/");
        assertThat(page.locator("main h1")).hasText("Packages");
        assertEquals("Every day at 03:00 UTC.", page.evaluate("async () => (await import('/ui/js/rrule.js')).rruleToText('FREQ=DAILY;BYHOUR=3;BYMINUTE=0;BYSECOND=0')"));
        assertEquals("Every 2 weeks on Monday and Friday at 02:30 and 14:30 UTC.", page.evaluate(
                "async () => (await import('/ui/js/rrule.js')).rruleToText('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR;BYHOUR=2,14;BYMINUTE=30')"));
        assertEquals("Every hour (also COUNT=3).", page.evaluate("async () => (await import('/ui/js/rrule.js')).rruleToText('FREQ=HOURLY;COUNT=3')"));
        assertEquals("Never (no schedule is set).", page.evaluate("async () => (await import('/ui/js/rrule.js')).rruleToText('')"));
        assertEquals("Start with a letter or digit, then use letters, digits, “.”, “_”, “+” or “-”; at most 128 characters. For example: 1.2.3",
                page.evaluate("async () => (await import('/ui/js/messages.js')).describeRule('version', '^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$')"));
        assertEquals("Use the form shown in the example. For example: my-team",
                page.evaluate("async () => (await import('/ui/js/messages.js')).describeRule('namespace', '^(a|b)+$')"));
    }

    @Test
    void darkModeFollowsTheSystemSetting() {
        Page page = asAdmin("#/");
        assertThat(page.locator("main h1")).hasText("Packages");
        String light = (String) page.evaluate("() => getComputedStyle(document.documentElement).backgroundColor");
        page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(ColorScheme.DARK));
        String dark = (String) page.evaluate("() => getComputedStyle(document.documentElement).backgroundColor");
        assertNotEquals(light, dark);
        assertEquals("rgb(13, 17, 23)", dark);
        UiBrowser.screenshot(page, "dark-packages");
    }
}
