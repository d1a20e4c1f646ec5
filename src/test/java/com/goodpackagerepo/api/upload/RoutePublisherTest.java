package com.goodpackagerepo.api.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RoutePublisherTest {
    @Test
    void segmentsAreEncodedAsAClientWouldSendThem() {
        assertEquals("my-app_1.0~x", RoutePublisher.segment("my-app_1.0~x"));
        assertEquals("a%2fb%20c%25", RoutePublisher.segment("a/b c%"));
        assertEquals("%c3%a4", RoutePublisher.segment("ä"));
    }

    @Test
    void tusNumbersAreNonNegativeDecimalsOnly() {
        assertEquals(0, TusHeaders.nonNegative("0"));
        assertEquals(123, TusHeaders.nonNegative("123"));
        for (String bad : new String[] {null, "", "-1", "+1", "1e3", " 1", "99999999999999999999", "0x10"}) {
            assertEquals(-1, TusHeaders.nonNegative(bad), String.valueOf(bad));
        }
    }
}
