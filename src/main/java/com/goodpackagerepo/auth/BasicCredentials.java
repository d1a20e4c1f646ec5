package com.goodpackagerepo.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * HTTP Basic credentials, the way Maven, Gradle and sbt send them: the user name and an API token as the
 * password (the token must belong to that user), or — only with {@code gpr.auth.basic.allow-password=true} — the
 * user's password. A password principal is not a session: it cannot mint API tokens or change the password.
 * A verified password is remembered for {@link #PASSWORD_CACHE_SECONDS} by a digest of the credentials, so a
 * build's hundreds of requests do not each pay a bcrypt verification; the user's current state (enabled,
 * scopes) is read on every request, so disabling or demoting a user applies at once.
 */
@ApplicationScoped
public class BasicCredentials {
    static final String SCHEME = "Basic ";
    static final long PASSWORD_CACHE_SECONDS = 60;

    @Inject
    ApiTokenService apiTokens;
    @Inject
    UserService users;
    @Inject
    @ConfigProperty(name = "gpr.auth.basic.allow-password", defaultValue = "false")
    boolean allowPassword;

    Clock clock = Clock.systemUTC();
    /**
     * Passwords checked recently, by SHA-256 of user and password: until when, and for which token version of the
     * user. A password change raises the version (here at once, on other cluster nodes when the user's cached state
     * is dropped by the {@code user.changed} signal), so the old password is checked again, and refused.
     */
    private final Map<String, Verified> verifiedPasswords = new ConcurrentHashMap<>();

    private record Verified(Instant until, int tokenVersion) {
    }

    static boolean isBasic(String header) {
        return header.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    /** The principal for a {@code Basic …} header; throws {@link InvalidTokenException} for bad credentials. */
    public Principal verify(String header) throws InvalidTokenException {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(SCHEME.length()).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("malformed Basic credentials");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw new InvalidTokenException("Basic credentials need a user name and a token");
        }
        String user = decoded.substring(0, colon);
        String secret = decoded.substring(colon + 1);
        if (ApiTokenFormat.looksLikeApiToken(secret)) {
            Principal principal = apiTokens.verify(secret);
            if (!principal.sub().equals(user)) {
                throw new InvalidTokenException("the API token does not belong to user " + user);
            }
            return principal;
        }
        if (!allowPassword) {
            throw new InvalidTokenException("use an API token as the password (passwords over Basic are turned off)");
        }
        return password(user, secret);
    }

    private Principal password(String user, String password) throws InvalidTokenException {
        String key = ApiTokenFormat.sha256(user + '\0' + password);
        Instant now = clock.instant();
        UserService.UserState state = users.state(user);
        Verified verified = verifiedPasswords.get(key);
        if (state == null || verified == null || verified.until().isBefore(now)
                || verified.tokenVersion() != state.tokenVersion()) {
            if (users.authenticate(user, password).isEmpty()) {
                verifiedPasswords.remove(key);
                throw new InvalidTokenException("wrong user name or password");
            }
            state = users.state(user);
            if (state != null) {
                verifiedPasswords.put(key, new Verified(now.plusSeconds(PASSWORD_CACHE_SECONDS), state.tokenVersion()));
            }
        }
        if (state == null || !state.enabled()) {
            verifiedPasswords.remove(key);
            throw new InvalidTokenException("wrong user name or password");
        }
        return new Principal(user, new LinkedHashSet<>(state.scopes()), "basic-password", false,
                Principal.Kind.API_TOKEN, null, null);
    }
}
