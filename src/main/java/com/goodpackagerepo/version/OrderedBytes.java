package com.goodpackagerepo.version;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds byte strings whose unsigned lexicographic order is the intended order of the encoded values.
 * Every element is self-delimiting, so no encoding is a proper prefix of another and whatever follows an
 * encoding never changes the comparison between two different encodings.
 */
final class OrderedBytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

    OrderedBytes tag(int tag) {
        out.write(tag);
        return this;
    }

    /**
     * An unsigned decimal of any length: leading zeros dropped, then the digit count, then the digits.
     * A longer number is a larger number, and equal lengths compare digit by digit.
     * Digit counts stay below 256 because versions are at most 128 characters.
     */
    OrderedBytes number(String digits) {
        int start = 0;
        while (start < digits.length() && digits.charAt(start) == '0') {
            start++;
        }
        out.write(digits.length() - start);
        out.writeBytes(digits.substring(start).getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    /** Text compared bytewise, shorter first on a common prefix: the bytes then a 0x00 terminator. */
    OrderedBytes text(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        out.write(0);
        return this;
    }

    OrderedBytes raw(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
