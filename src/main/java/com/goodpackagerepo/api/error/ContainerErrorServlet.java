package com.goodpackagerepo.api.error;

import com.goodpackagerepo.error.ErrorCode;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The error page of the web container (see web.xml): requests the container refuses before the REST
 * application sees them (an encoded slash or dot segment in the URL, say) get the same JSON error body.
 */
@WebServlet("/_container-error")
public class ContainerErrorServlet extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String requestId = com.goodpackagerepo.observability.RequestIds.accept(
                request.getHeader(com.goodpackagerepo.observability.RequestIds.HEADER));
        response.setHeader(com.goodpackagerepo.observability.RequestIds.HEADER, requestId);
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 404;
        ErrorCode errorCode = ErrorStatus.codeFor(status);
        String message = switch (status) {
            case 400 -> "Malformed request URL or headers";
            case 404 -> "No such resource";
            case 405 -> "Method not allowed";
            default -> status >= 500 ? "Internal server error" : "Request refused";
        };
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        byte[] body = ErrorResponses.body(errorCode.name(), message).toString().getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        com.goodpackagerepo.observability.RequestIds.clear();
    }
}
