package com.goodpackagerepo.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The generated bootstrap password must be usable as a command-line argument (the CI failure of stop 11). */
class BootstrapPasswordTest {

    @Test
    void lettersAndDigitsOnlySoNoToolTakesItForAnOption() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String password = BootstrapAdmin.randomPassword();
            assertEquals(24, password.length());
            assertTrue(password.matches("[A-Za-z0-9]+"), password);
            seen.add(password);
        }
        assertEquals(2000, seen.size());
    }
}
