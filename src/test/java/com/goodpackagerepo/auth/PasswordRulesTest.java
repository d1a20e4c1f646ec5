package com.goodpackagerepo.auth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goodpackagerepo.api.error.ErrorStatus;
import com.goodpackagerepo.error.DomainException;
import org.junit.jupiter.api.Test;

/** Each password rule, the configurable minimum and the bootstrap admin password. */
class PasswordRulesTest {
    private final PasswordPolicy policy = new PasswordPolicy(12);

    private String rule(String username, String password) {
        DomainException e = assertThrows(DomainException.class, () -> policy.check(username, password));
        assertEquals("WEAK_PASSWORD", e.code().name());
        assertEquals(400, ErrorStatus.of(e.code()));
        return e.getMessage();
    }

    @Test
    void minimumLengthIsTwelveByDefault() {
        assertTrue(rule("alice", "Xy7-Qw9-Zr2").contains("min_length"), "11 characters");
        assertDoesNotThrow(() -> policy.check("alice", "Xy7-Qw9-Zr2!"));
    }

    @Test
    void minimumLengthIsConfigurable() {
        PasswordPolicy longer = new PasswordPolicy(16);
        DomainException e = assertThrows(DomainException.class, () -> longer.check("alice", "Xy7-Qw9-Zr2!abc"));
        assertTrue(e.getMessage().contains("16"));
    }

    @Test
    void mustNotEqualOrContainTheUserName() {
        assertTrue(rule("deploybot1234", "deploybot1234").contains("contains_username"));
        assertTrue(rule("deploybot", "my-DeployBot-pass").contains("contains_username"), "compared without case");
    }

    @Test
    void commonPasswordsAreRefused() {
        assertTrue(rule("alice", "password1234").contains("common_password"));
        assertTrue(rule("alice", "QwertyUiop123").contains("common_password"), "compared without case");
    }

    @Test
    void repetitiveAndOverlongPasswordsAreRefused() {
        assertTrue(rule("alice", "abababababababab").contains("too_repetitive"));
        assertTrue(rule("alice", "x1-".repeat(400)).contains("max_length"));
    }

    @Test
    void bootstrapAdminPasswordMustPassThePolicy() {
        AuthFixture f = new AuthFixture();
        f.settings.bootstrapAdminPassword = java.util.Optional.of("admin-password");
        BootstrapAdmin bootstrap = new BootstrapAdmin();
        bootstrap.users = f.users;
        bootstrap.settings = f.settings;
        DomainException e = assertThrows(DomainException.class, bootstrap::ensure);
        assertEquals("WEAK_PASSWORD", e.code().name());
        assertEquals(0, f.users.count(), "no admin is created with a weak password");
        f.settings.bootstrapAdminPassword = java.util.Optional.of("Long-Enough-Boot-Pass-9");
        bootstrap.ensure();
        assertEquals(1, f.users.count());
    }
}
