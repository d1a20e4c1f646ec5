package com.goodpackagerepo.api.error;

import java.util.Map;

/** An error the API reports to its caller as {@code {"error":{"code","message"}}}. */
public class ApiException extends RuntimeException {
    private final ErrorCode code;
    private final int status;
    private final Map<String, String> headers;

    public ApiException(ErrorCode code, String message) {
        this(code, code.status(), message, Map.of());
    }

    public ApiException(ErrorCode code, int status, String message, Map<String, String> headers) {
        super(message);
        this.code = code;
        this.status = status;
        this.headers = headers;
    }

    /** A pipeline's {@code respond.error} may name any code with any status. */
    public static ApiException custom(String code, int status, String message) {
        return new CustomCodeException(code, status, message);
    }

    public String codeName() {
        return code.name();
    }

    public ErrorCode code() {
        return code;
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }

    private static final class CustomCodeException extends ApiException {
        private final String customCode;

        CustomCodeException(String code, int status, String message) {
            super(ErrorCode.forStatus(status), status, message, Map.of());
            this.customCode = code;
        }

        @Override
        public String codeName() {
            return customCode;
        }
    }
}
