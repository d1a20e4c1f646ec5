package com.goodpackagerepo.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class UiServletTest {

    @Test
    void mapsRequestPathsToFilesUnderUi() {
        assertEquals("/ui/index.html", UiServlet.resourcePath("/"));
        assertEquals("/ui/js/pages/publish.js", UiServlet.resourcePath("/js/pages/publish.js"));
        assertEquals("/ui/css/app.css", UiServlet.resourcePath("/css/app.css"));
        assertEquals("/webjars/uplot/1.6.30/dist/uPlot.esm.js", UiServlet.resourcePath("/webjars/uplot/1.6.30/dist/uPlot.esm.js"));
    }

    @Test
    void refusesAnythingThatCouldLeaveTheUiDirectory() {
        for (String path : new String[] {"/../WEB-INF/web.xml", "/js/../../x.js", "/a\\b.js", "//etc/passwd", "/%2e%2e/x",
                "/js/", "/a b.js", "/ü.js"}) {
            assertNull(UiServlet.resourcePath(path), path);
        }
    }

    @Test
    void knowsTheTypesItServes() {
        assertEquals("js", UiServlet.extension("/ui/js/app.js"));
        assertEquals("", UiServlet.extension("/ui/README"));
    }
}
