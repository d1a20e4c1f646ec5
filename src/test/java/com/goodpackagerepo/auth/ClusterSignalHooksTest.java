package com.goodpackagerepo.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goodpackagerepo.cluster.ClusterSignal;
import com.goodpackagerepo.cluster.RecordingSignals;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The small hooks by which auth state follows other nodes (docs/security.md, "Cluster"): each change publishes a
 * signal, and a signal from another node updates this node's copy. Two objects on one repository stand for two
 * nodes on one database.
 */
class ClusterSignalHooksTest {
    private final AuthFixture f = new AuthFixture();

    @Test
    void aRevocationIsSignalledAndASignalRevokesOnTheOtherNode() {
        RevokedTokens other = new RevokedTokens();
        other.repository = f.tokenRepository;
        other.signals = new RecordingSignals();
        other.clock = f.clock;
        assertFalse(other.isRevoked("jti-1")); // loaded before the revocation, like a running node
        Instant expires = f.clock.instant().plusSeconds(600);
        f.revoked.revoke("jti-1", expires);
        assertEquals(List.of("jti-1 " + expires.toEpochMilli()), f.signals.payloads(ClusterSignal.TOKEN_REVOKED));
        assertFalse(other.isRevoked("jti-1"), "without the signal the other node would still accept it");
        other.onSignal(f.signals.published.get(0));
        assertTrue(other.isRevoked("jti-1"));
    }

    @Test
    void aUserChangeIsSignalledAndASignalDropsTheCachedState() {
        f.users.create("bob", "Sturdy-Test-Passphrase-42", Set.of("read"));
        assertTrue(f.users.state("bob").enabled());
        f.userRepository.update("bob", u -> u.setEnabled(false, 1)); // written by another node
        assertTrue(f.users.state("bob").enabled(), "cached");
        f.users.onSignal(new ClusterSignal(ClusterSignal.USER_CHANGED, "bob"));
        assertFalse(f.users.state("bob").enabled());
        f.users.forget("bob");
        assertTrue(f.signals.payloads(ClusterSignal.USER_CHANGED).contains("bob"));
    }

    @Test
    void aSignalForAnotherTopicChangesNothing() {
        f.users.create("carol", "Sturdy-Test-Passphrase-42", Set.of("read"));
        f.users.state("carol");
        f.userRepository.update("carol", u -> u.setEnabled(false, 1));
        f.users.onSignal(new ClusterSignal(ClusterSignal.API_TOKEN_CHANGED, "carol"));
        assertTrue(f.users.state("carol").enabled());
    }

    @Test
    void anUnknownKeyIdReloadsTheKeysOnceBeforeRefusing() {
        SigningKeys other = new SigningKeys();
        other.repository = f.userRepository;
        other.settings = f.settings;
        other.signals = new RecordingSignals();
        other.ensureActiveKey();
        String kid = f.keys.rotate();
        assertEquals(List.of(kid), f.signals.payloads(ClusterSignal.SIGNING_KEYS_CHANGED));
        assertNotNull(other.verificationKey(kid), "rotated on another node: found after one reload");
        assertNull(other.verificationKey("made-up"));
    }

    @Test
    void aKeySignalMakesTheOtherNodeSignWithTheNewKey() {
        SigningKeys other = new SigningKeys();
        other.repository = f.userRepository;
        other.settings = f.settings;
        other.signals = new RecordingSignals();
        other.ensureActiveKey();
        String kid = f.keys.rotate();
        other.onSignal(new ClusterSignal(ClusterSignal.SIGNING_KEYS_CHANGED, kid));
        assertEquals(kid, other.signingKey().getKeyID());
    }
}
