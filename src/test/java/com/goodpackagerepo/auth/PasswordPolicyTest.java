package com.goodpackagerepo.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goodpackagerepo.error.DomainException;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {
    private final PasswordPolicy policy = new PasswordPolicy(12);

    private String rule(String user, String password) {
        return assertThrows(DomainException.class, () -> policy.check(user, password)).getMessage();
    }

    @Test
    void namesTheRuleThatFailed() {
        assertTrue(rule("alice", "short1!").contains("min_length"));
        assertTrue(rule("alice", "xx-Alice-is-here-1").contains("contains_username"));
        assertTrue(rule("alice", "Password1234").contains("common_password"));
        assertTrue(rule("alice", "aaaaaaaaaaaaab").contains("too_repetitive"));
        assertTrue(rule("alice", "x".repeat(2000)).contains("max_length"));
        policy.check("alice", "correct-staple-battery-92");
    }

    @Test
    void bcryptHashesVerifyAndSaltDiffers() {
        PasswordHasher hasher = new PasswordHasher(10);
        String a = hasher.hash("correct-staple-battery-92");
        String b = hasher.hash("correct-staple-battery-92");
        assertNotEquals(a, b);
        assertTrue(a.startsWith("$2"));
        assertTrue(hasher.verify("correct-staple-battery-92", a));
        assertFalse(hasher.verify("correct-staple-battery-93", a));
        String longPassword = "p".repeat(100) + "1";
        assertFalse(hasher.verify("p".repeat(100) + "2", hasher.hash(longPassword)), "bytes after 72 still count");
        assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(4));
    }
}
