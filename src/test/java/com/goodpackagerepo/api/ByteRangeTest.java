package com.goodpackagerepo.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ByteRangeTest {
    @Test
    void parsesSingleRanges() {
        assertEquals(new ByteRange(2, 4), ByteRange.parse("bytes=2-5", 10));
        assertEquals(new ByteRange(7, 3), ByteRange.parse("bytes=7-", 10));
        assertEquals(new ByteRange(7, 3), ByteRange.parse("bytes=-3", 10));
        assertEquals(new ByteRange(0, 10), ByteRange.parse("bytes=-30", 10));
        assertEquals(new ByteRange(5, 5), ByteRange.parse("bytes=5-100", 10));
    }

    @Test
    void unsatisfiableAndIgnored() {
        assertEquals(ByteRange.UNSATISFIABLE, ByteRange.parse("bytes=10-20", 10));
        assertEquals(ByteRange.UNSATISFIABLE, ByteRange.parse("bytes=-0", 10));
        assertNull(ByteRange.parse(null, 10));
        assertNull(ByteRange.parse("bytes=1-2,4-5", 10));
        assertNull(ByteRange.parse("items=1-2", 10));
        assertNull(ByteRange.parse("bytes=5-2", 10));
        assertNull(ByteRange.parse("bytes=a-b", 10));
    }
}
