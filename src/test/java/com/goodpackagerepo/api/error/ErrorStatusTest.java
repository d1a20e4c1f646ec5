package com.goodpackagerepo.api.error;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.error.MethodNotAllowedException;
import com.goodpackagerepo.error.RetryLaterException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every code keeps the status clients have always seen; a domain error's headers come from its kind. */
class ErrorStatusTest {

    @Test
    void everyCodeHasItsStatus() {
        Map<Integer, List<ErrorCode>> byStatus = Map.ofEntries(
                Map.entry(400, List.of(ErrorCode.INVALID_REQUEST, ErrorCode.INVALID_JSON, ErrorCode.VALIDATION_ERROR,
                        ErrorCode.DIGEST_MISMATCH, ErrorCode.WEAK_PASSWORD, ErrorCode.CONFIG_INVALID)),
                Map.entry(401, List.of(ErrorCode.UNAUTHORIZED)),
                Map.entry(403, List.of(ErrorCode.FORBIDDEN)),
                Map.entry(404, List.of(ErrorCode.NOT_FOUND, ErrorCode.TARGET_NOT_FOUND)),
                Map.entry(405, List.of(ErrorCode.METHOD_NOT_ALLOWED)),
                Map.entry(406, List.of(ErrorCode.NOT_ACCEPTABLE)),
                Map.entry(409, List.of(ErrorCode.ALREADY_EXISTS, ErrorCode.CONFLICT, ErrorCode.UPLOAD_OFFSET_MISMATCH)),
                Map.entry(410, List.of(ErrorCode.UPLOAD_EXPIRED)),
                Map.entry(412, List.of(ErrorCode.TUS_VERSION_UNSUPPORTED)),
                Map.entry(413, List.of(ErrorCode.BLOB_TOO_LARGE, ErrorCode.PAYLOAD_TOO_LARGE,
                        ErrorCode.UPLOAD_EXCEEDS_LENGTH, ErrorCode.UPLOAD_QUOTA_EXCEEDED)),
                Map.entry(423, List.of(ErrorCode.UPLOAD_LOCKED)),
                Map.entry(460, List.of(ErrorCode.CHECKSUM_MISMATCH)),
                Map.entry(415, List.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE)),
                Map.entry(416, List.of(ErrorCode.RANGE_NOT_SATISFIABLE)),
                Map.entry(429, List.of(ErrorCode.LIMIT_EXCEEDED, ErrorCode.TOO_MANY_UPLOADS)),
                Map.entry(500, List.of(ErrorCode.INTERNAL_ERROR, ErrorCode.RUNTIME_CHECK_FAILED)),
                Map.entry(502, List.of(ErrorCode.UPSTREAM_ERROR)),
                Map.entry(503, List.of(ErrorCode.UPSTREAM_UNAVAILABLE, ErrorCode.UNAVAILABLE, ErrorCode.BUDGET_EXCEEDED,
                        ErrorCode.BLOB_STORE_UNAVAILABLE)),
                Map.entry(507, List.of(ErrorCode.INSUFFICIENT_STORAGE)));
        int seen = 0;
        for (Map.Entry<Integer, List<ErrorCode>> e : byStatus.entrySet()) {
            for (ErrorCode code : e.getValue()) {
                assertEquals(e.getKey(), ErrorStatus.of(code), code.name());
                seen++;
            }
        }
        assertEquals(ErrorCode.values().length, seen, "every code is listed here");
    }

    @Test
    void containerStatusesGetTheFirstCodeRegisteredForThem() {
        assertEquals(ErrorCode.INVALID_REQUEST, ErrorStatus.codeFor(400));
        assertEquals(ErrorCode.NOT_FOUND, ErrorStatus.codeFor(404));
        assertEquals(ErrorCode.METHOD_NOT_ALLOWED, ErrorStatus.codeFor(405));
        assertEquals(ErrorCode.INTERNAL_ERROR, ErrorStatus.codeFor(599));
        assertEquals(ErrorCode.INVALID_REQUEST, ErrorStatus.codeFor(418));
    }

    @Test
    void theHttpChannelsRefusalsAreNeverA5xxExceptWhenStopping() {
        assertEquals(ErrorCode.INVALID_REQUEST, ErrorStatus.forChannelRefusal(400));
        assertEquals(ErrorCode.INVALID_REQUEST, ErrorStatus.forChannelRefusal(505), "a space in the target, read as the version");
        assertEquals(ErrorCode.INVALID_REQUEST, ErrorStatus.forChannelRefusal(501), "an unparsable method");
        assertEquals(400, ErrorStatus.of(ErrorStatus.forChannelRefusal(505)));
        assertEquals(ErrorCode.PAYLOAD_TOO_LARGE, ErrorStatus.forChannelRefusal(413));
        assertEquals(ErrorCode.UNAVAILABLE, ErrorStatus.forChannelRefusal(503));
    }

    @Test
    void headersFollowTheKindOfError() {
        assertEquals(Map.of("Retry-After", "7"), ErrorResponses.headers(
                new RetryLaterException(ErrorCode.LIMIT_EXCEEDED, "slow down", Duration.ofSeconds(7))));
        assertEquals(Map.of("Allow", "GET, HEAD"), ErrorResponses.headers(
                new MethodNotAllowedException("no", new LinkedHashSet<>(List.of("GET", "HEAD")))));
        assertEquals(Map.of(), ErrorResponses.headers(new DomainException(ErrorCode.NOT_FOUND, "gone")));
    }
}
