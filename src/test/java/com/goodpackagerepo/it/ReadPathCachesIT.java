package com.goodpackagerepo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The read path's caches (verified tokens, response cache keyed by the caller) never let a response through to
 * a caller who may not read it, and every revocation still works on the next request of a token that was served
 * from the token cache.
 */
class ReadPathCachesIT {
    private final String admin = Http.admin();

    @Test
    void aCachedResponseIsNeverServedToACallerWithoutReadRights() {
        String ns = Http.unique("cachei");
        assertEquals(201, Artifacts.publish(admin, ns, "app", "1.0.0", "x", "secret bytes").status());
        String blob = Artifacts.blobPath(ns, "app", "1.0.0", "x");
        String latest = "/v1/" + ns + "/app/latest";
        String reader = Users.token("cachei-r", "read");
        for (int i = 0; i < 3; i++) {  // fills the response cache (and the token cache) for the reader
            assertEquals("secret bytes", Http.get(blob, reader).body());
            assertEquals(200, Http.get(latest, reader).status());
        }
        String writerOnly = Users.token("cachei-w", "write");
        assertEquals(403, Http.get(blob, writerOnly).status());
        assertEquals(403, Http.get(latest, writerOnly).status());
        assertEquals(401, Http.get(blob, null).status());
        assertEquals(401, Http.get(blob, "Bearer-less garbage").status());
        String secondReader = Users.token("cachei-r2", "read");
        assertEquals("secret bytes", Http.get(blob, secondReader).body());
    }

    @Test
    void revocationsTakeEffectOnTheNextRequestOfACachedToken() {
        String ns = Http.unique("revoke");
        assertEquals(201, Artifacts.publish(admin, ns, "app", "1.0.0", "x", "bytes").status());
        String blob = Artifacts.blobPath(ns, "app", "1.0.0", "x");

        String loggedOut = Users.token("rv-logout", "read");
        assertEquals(200, Http.get(blob, loggedOut).status());
        assertEquals(200, Http.get(blob, loggedOut).status());
        assertEquals(204 / 100, Http.postJson("/auth/logout", loggedOut, "{}").status() / 100);
        assertEquals(401, Http.get(blob, loggedOut).status());

        assertRefusedAfterAdminChange(blob, "rv-disable", "{\"enabled\":false}");
        assertRefusedAfterAdminChange(blob, "rv-demote", "{\"scopes\":[\"write\"]}");
    }

    /** A user's token, served from the token cache, is refused right after the admin changes the user. */
    private void assertRefusedAfterAdminChange(String blob, String prefix, String change) {
        String user = Users.create(prefix, "read");
        String token = Http.login(user, Users.PASSWORD);
        assertEquals(200, Http.get(blob, token).status());
        assertEquals(200, Http.get(blob, token).status());
        assertEquals(200, Http.putJson("/admin/users/" + user, admin, change).status());
        assertEquals(401, Http.get(blob, token).status());
    }
}
