package com.goodpackagerepo.it.ui;

import com.goodpackagerepo.it.Http;
import com.microsoft.playwright.Page;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/**
 * One headless Chromium per test class; each test opens its own pages (fresh contexts). Tagged {@code once}: the
 * browser tests do not depend on the database, so .ci/run runs them in the embedded-database variant only.
 */
@Tag("once")
abstract class UiTestBase {
    static UiBrowser browser;

    @BeforeAll
    static void startBrowser() {
        browser = new UiBrowser();
    }

    @AfterAll
    static void stopBrowser() {
        browser.close();
    }

    /** A new page signed in as the bootstrap admin, showing {@code route} (e.g. "#/publish"). */
    static Page asAdmin(String route) {
        Page page = browser.page();
        UiBrowser.signIn(page, Http.admin(), "admin", List.of("read", "write", "admin"));
        page.navigate("/ui/" + route);
        return page;
    }
}
