package com.goodpackagerepo.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.audit.AuditLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The auth services wired by hand over in-memory repositories and a clock the test moves. */
class AuthFixture {
    final MovableClock clock = new MovableClock(Instant.parse("2030-01-01T00:00:00Z"));
    final AuthSettings settings = new AuthSettings();
    final FakeUserRepository userRepository = new FakeUserRepository();
    final FakeTokenRepository tokenRepository = new FakeTokenRepository();
    final RecordingAuditLog audit = new RecordingAuditLog();
    final UserService users = new UserService();
    final SigningKeys keys = new SigningKeys();
    final RevokedTokens revoked = new RevokedTokens();
    final TokenService tokens = new TokenService();
    final ApiTokenService apiTokens = new ApiTokenService();
    final com.goodpackagerepo.cluster.RecordingSignals signals = new com.goodpackagerepo.cluster.RecordingSignals();

    AuthFixture() {
        settings.issuer = "good-package-repo";
        settings.audience = "good-package-repo";
        settings.tokenTtlSeconds = 900;
        settings.maxSessionSeconds = 43200;
        settings.clockSkewSeconds = 30;
        settings.bcryptCost = 10;
        settings.passwordMinLength = 12;
        settings.apiTokenCacheSeconds = 30;
        settings.apiTokensPerUser = 3;
        settings.bootstrapAdminPassword = Optional.empty();
        settings.signingKeyLocation = Optional.empty();
        users.repository = userRepository;
        users.settings = settings;
        users.audit = audit;
        users.signals = signals;
        keys.signals = signals;
        revoked.signals = signals;
        apiTokens.signals = signals;
        users.init();
        keys.repository = userRepository;
        keys.settings = settings;
        revoked.repository = tokenRepository;
        revoked.clock = clock;
        tokens.keys = keys;
        tokens.settings = settings;
        tokens.users = users;
        tokens.revoked = revoked;
        tokens.clock = clock;
        apiTokens.repository = tokenRepository;
        apiTokens.users = users;
        apiTokens.settings = settings;
        apiTokens.audit = audit;
        apiTokens.clock = clock;
        keys.ensureActiveKey();
    }

    /** A user and a session token of theirs, as a login would give. */
    Principal login(String username, String... scopes) throws InvalidTokenException {
        var user = users.find(username).orElseGet(() -> users.create(username, "Sturdy-Test-Passphrase-42",
                new java.util.LinkedHashSet<>(List.of(scopes))));
        return tokens.verify(tokens.issue(user.getUsername(), user.getScopes(), user.getTokenVersion()).token());
    }

    /** A clock that stands still until the test moves it. */
    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant start) {
            now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    /** Keeps audit events in a list instead of the event log. */
    static final class RecordingAuditLog extends AuditLog {
        final List<String> types = new ArrayList<>();

        @Override
        public void record(String type, String by, ObjectNode details) {
            types.add(type);
        }
    }
}
