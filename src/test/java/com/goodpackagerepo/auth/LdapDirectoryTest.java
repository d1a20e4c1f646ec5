package com.goodpackagerepo.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.it.LdapIT;
import com.goodpackagerepo.it.Slapd;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link LdapDirectory} against a real OpenLDAP (slapd on a free port, the LDIF of {@link LdapIT}): password
 * check, unknown users, filter injection, groups and their changes, and a directory that is down (503, not 500).
 */
class LdapDirectoryTest {
    private static Slapd slapd;
    private static int port;
    private final LdapDirectory directory = new LdapDirectory();

    @BeforeAll
    static void startSlapd() throws Exception {
        Assumptions.assumeTrue(Slapd.installed(),
                "SKIPPED: OpenLDAP's slapd is not installed (/usr/sbin/slapd); .ci/run installs Debian's slapd");
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        slapd = new Slapd(Files.createTempDirectory("gpr-slapd-unit"), port);
        slapd.create(LdapIT.LDIF);
    }

    @AfterAll
    static void stopSlapd() throws Exception {
        if (slapd != null) {
            slapd.stop();
        }
    }

    LdapDirectoryTest() {
        DirectorySettings settings = new DirectorySettings();
        settings.url = Optional.of("ldap://127.0.0.1:" + port);
        settings.bindDn = Optional.of(Slapd.ROOT_DN);
        settings.bindPassword = Optional.of(Slapd.ROOT_PASSWORD);
        settings.userBaseDn = Optional.of("ou=people," + Slapd.SUFFIX);
        settings.userFilter = "(uid={0})";
        settings.groupBaseDn = Optional.of("ou=groups," + Slapd.SUFFIX);
        settings.groupFilter = "(member={0})";
        settings.groupNameAttribute = "cn";
        settings.timeoutMillis = 2000;
        directory.settings = settings;
    }

    @Test
    void aRightPasswordGivesTheUserAndTheirGroups() {
        LdapDirectory.DirectoryUser alice = directory.authenticate("alice", "alice-directory-pass").orElseThrow();
        assertEquals("uid=alice,ou=people," + Slapd.SUFFIX, alice.dn());
        assertEquals(Set.of("devs"), alice.groups());
        assertEquals(Set.of("auditors"), directory.authenticate("bob", "bob-directory-pass").orElseThrow().groups());
    }

    @Test
    void wrongPasswordsUnknownUsersAndInjectionsAreNobody() {
        assertTrue(directory.authenticate("alice", "wrong").isEmpty());
        assertTrue(directory.authenticate("alice", "").isEmpty(), "no anonymous bind");
        assertTrue(directory.authenticate("nobody", "alice-directory-pass").isEmpty());
        assertTrue(directory.authenticate("*", "alice-directory-pass").isEmpty());
        assertTrue(directory.authenticate("alice)(uid=*", "alice-directory-pass").isEmpty());
    }

    @Test
    void groupChangesInTheDirectoryShowAtTheNextLogin() throws Exception {
        try (LDAPConnection ldap = new LDAPConnection("127.0.0.1", port, Slapd.ROOT_DN, Slapd.ROOT_PASSWORD)) {
            ldap.modify("cn=auditors,ou=groups," + Slapd.SUFFIX,
                    new Modification(ModificationType.ADD, "member", "uid=alice,ou=people," + Slapd.SUFFIX));
            assertEquals(Set.of("auditors", "devs"),
                    directory.authenticate("alice", "alice-directory-pass").orElseThrow().groups());
            ldap.modify("cn=auditors,ou=groups," + Slapd.SUFFIX,
                    new Modification(ModificationType.DELETE, "member", "uid=alice,ou=people," + Slapd.SUFFIX));
        }
        assertEquals(Set.of("devs"), directory.authenticate("alice", "alice-directory-pass").orElseThrow().groups());
    }

    @Test
    void aWrongServiceAccountOrADirectoryThatIsDownIsUnavailable() throws Exception {
        directory.settings.bindPassword = Optional.of("not-the-secret");
        assertEquals(ErrorCode.UNAVAILABLE, assertThrows(DomainException.class,
                () -> directory.authenticate("alice", "alice-directory-pass")).code());
        directory.settings.bindPassword = Optional.of(Slapd.ROOT_PASSWORD);
        slapd.stop();
        try {
            assertEquals(ErrorCode.UNAVAILABLE, assertThrows(DomainException.class,
                    () -> directory.authenticate("alice", "alice-directory-pass")).code());
        } finally {
            slapd.start();
        }
        assertTrue(directory.authenticate("alice", "alice-directory-pass").isPresent());
    }
}
