package com.goodpackagerepo.ui;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.util.Locale;
import java.util.Map;

/**
 * Serves the web UI's static files (the WAR's {@code /ui/} directory) and sends {@code /} there. The REST
 * application is mapped to {@code /*}, which would otherwise take every path; the Servlet spec prefers this
 * longer {@code /ui/*} mapping and the exact context-root mapping {@code ""}. The UI is a few small files:
 * they are revalidated on every load (ETag from the file's modification time and size). {@code /ui/webjars/…} serves
 * the WebJars' files (pinned versions in the path) from the same origin, as the CSP requires.
 */
@WebServlet(urlPatterns = {"/ui/*", ""})
public class UiServlet extends HttpServlet {
    static final String ROOT = "/ui/";
    /** WebJars (the dashboard's chart library): {@code /ui/webjars/…} is the jar's {@code META-INF/resources/webjars/…}. */
    static final String WEBJARS = "/ui/webjars/";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=UTF-8",
            "js", "text/javascript; charset=UTF-8",
            "css", "text/css; charset=UTF-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "json", "application/json");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response, true);
    }

    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response, false);
    }

    private void serve(HttpServletRequest request, HttpServletResponse response, boolean body) throws IOException {
        String path = request.getPathInfo();
        if (!"/ui".equals(request.getServletPath()) || path == null) {
            response.sendRedirect(request.getContextPath() + ROOT);
            return;
        }
        String file = resourcePath(path);
        String type = file == null ? null : TYPES.get(extension(file));
        URL resource = type == null ? null : getServletContext().getResource(file);
        if (resource == null) {
            response.sendError(404);
            return;
        }
        var connection = resource.openConnection();
        long length = connection.getContentLengthLong();
        String etag = "\"" + Long.toString(connection.getLastModified(), 36) + "-" + Long.toString(length, 36) + "\"";
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("ETag", etag);
        if (etag.equals(request.getHeader("If-None-Match"))) {
            response.setStatus(304);
            return;
        }
        response.setContentType(type);
        if (length >= 0) {
            response.setContentLengthLong(length);
        }
        if (!body) {
            return;
        }
        try (InputStream in = connection.getInputStream(); OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        }
    }

    /** The WAR path of a request's path info; {@code /} is the index page; null for anything that could escape. */
    static String resourcePath(String pathInfo) {
        String path = pathInfo.equals("/") ? "/index.html" : pathInfo;
        if (path.contains("..") || path.contains("\\") || path.contains("//") || path.contains("%")
                || path.endsWith("/") || !path.matches("[A-Za-z0-9._/-]+")) {
            return null;
        }
        String file = ROOT + path.substring(1);
        // resources inside WEB-INF/lib jars' META-INF/resources are part of the servlet context (Servlet 3.0)
        return file.startsWith(WEBJARS) ? file.substring(ROOT.length() - 1) : file;
    }

    static String extension(String file) {
        int dot = file.lastIndexOf('.');
        return dot < 0 ? "" : file.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
