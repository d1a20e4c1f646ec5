package com.goodpackagerepo.it.ui;

import com.goodpackagerepo.it.Http;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The system Chromium (/usr/bin/chromium, headless) driven by Playwright, one per test class; a fresh context
 * (empty sessionStorage) per test. Every page records CSP violations and console errors, so tests can assert
 * that none happened. With {@code -Dui.screenshots=true} {@link #screenshot} writes docs/ui/*.png.
 */
final class UiBrowser implements AutoCloseable {
    static final String BASE = Http.BASE;
    private static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync");
    /** Runs before any page script: collects CSP violations (an init script is not subject to the page's CSP). */
    private static final String WATCH_CSP = "window.__csp = [];"
            + "document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));";

    private final Playwright playwright;
    private final Browser browser;
    final List<String> consoleErrors = new CopyOnWriteArrayList<>();

    UiBrowser() {
        // a shared two-core machine runs the server and the browser: give assertions time
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        Path chromium = Paths.get(System.getProperty("it.chromium", "/usr/bin/chromium"));
        if (!Files.isExecutable(chromium)) {
            throw new AssertionError("The web UI tests need Chromium at " + chromium
                    + ": install Debian's chromium package (.ci/run does) or pass -Dit.chromium=<path>");
        }
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(chromium)
                .setHeadless(true).setArgs(ARGS));
    }

    /** A new page in a new context, 1280x900 unless given. */
    Page page(int width, int height) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height)
                .setBaseURL(BASE));
        context.setDefaultTimeout(20_000);
        context.addInitScript(WATCH_CSP);
        Page page = context.newPage();
        page.onConsoleMessage(m -> {
            if (m.type().equals("error")) {
                consoleErrors.add(m.text());
            }
        });
        page.onPageError(e -> consoleErrors.add("page error: " + e));
        return page;
    }

    Page page() {
        return page(1280, 900);
    }

    /** CSP violations the page saw so far. */
    @SuppressWarnings("unchecked")
    static List<String> cspViolations(Page page) {
        return (List<String>) page.evaluate("() => window.__csp || []");
    }

    /** Puts a session (from the API's login) into the tab's sessionStorage, as the login page would. */
    static void signIn(Page page, String token, String username, List<String> scopes) {
        page.navigate("/ui/");
        page.evaluate("([t, u, s]) => sessionStorage.setItem('gpr.session', JSON.stringify({token: t, user: {username: u, scopes: s}}))",
                List.of(token, username, scopes));
    }

    static boolean screenshotsWanted() {
        return Boolean.getBoolean("ui.screenshots");
    }

    /** PipelineWrites docs/ui/{name}.png when screenshots are asked for. */
    static void screenshot(Page page, String name) {
        if (!screenshotsWanted()) {
            return;
        }
        try {
            Path dir = Paths.get(System.getProperty("ui.screenshots.dir", "docs/ui"));
            Files.createDirectories(dir);
            page.waitForTimeout(150);
            page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(name + ".png")).setFullPage(true));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
