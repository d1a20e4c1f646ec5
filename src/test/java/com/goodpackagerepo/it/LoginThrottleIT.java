package com.goodpackagerepo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Brute force against /auth/login is answered 429 with Retry-After, and logins recover afterwards. */
class LoginThrottleIT {
    private static final String WRONG = "Wrong-Password-Guess-1";

    @Test
    void guessingOnePasswordIsSlowedDownThenTheOwnerGetsIn() throws Exception {
        String user = Users.create("brute", "read");
        LoopbackClient attacker = LoopbackClient.fresh();
        int failures = 0;
        Http.Reply locked = attacker.login(user, WRONG);
        while (locked.status() == 401 && failures < 10) {
            failures++;
            locked = attacker.login(user, WRONG + failures);
        }
        assertEquals(429, locked.status(), locked.body());
        assertTrue(failures >= 5 && failures <= 7, "about 5 failures are absorbed, then 429; was " + failures);
        assertEquals("LIMIT_EXCEEDED", locked.errorCode());
        long retryAfter = Long.parseLong(locked.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 12, "Retry-After " + retryAfter);

        if (retryAfter >= 3) {
            Http.Reply lockedElsewhere = LoopbackClient.fresh().login(user, Users.PASSWORD);
            assertEquals(429, lockedElsewhere.status(), "the right password from another address waits too: "
                    + "a lock-out must not tell a guesser that a password is right");
        }

        Thread.sleep(retryAfter * 1000 + 500);
        Http.Reply ok = LoopbackClient.fresh().login(user, Users.PASSWORD);
        assertEquals(200, ok.status(), "after Retry-After the owner logs in: " + ok.body());
        for (int i = 0; i < 4; i++) {
            assertEquals(401, attacker.login(user, WRONG + i).status(), "a success resets the allowance");
        }
    }

    @Test
    void oneAddressTryingManyUserNamesIsLimited() throws Exception {
        LoopbackClient sprayer = LoopbackClient.fresh();
        String prefix = Http.unique("spray");
        int refused = -1;
        long started = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            Http.Reply r = sprayer.login(prefix + "-" + i, WRONG);
            if (r.status() == 429) {
                refused = i;
                break;
            }
            assertEquals(401, r.status(), r.body());
        }
        // 20 attempts, refilled greedily at 20 per minute: a slow (loaded) machine earns one more every 3 s
        long refilled = (System.nanoTime() - started) / 3_000_000_000L;
        assertTrue(refused >= 20 && refused <= 22 + refilled,
                "the address is stopped after about 20 failures (+" + refilled + " refilled), was " + refused);
        Http.Reply stillRefused = sprayer.login("admin", Http.ADMIN_PASSWORD);
        assertEquals(429, stillRefused.status());
        long retryAfter = Long.parseLong(stillRefused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 3, "20 per minute come back one every 3 s: " + retryAfter);
        assertEquals(200, Http.postJson("/auth/login", null,
                "{\"username\":\"admin\",\"password\":\"" + Http.ADMIN_PASSWORD + "\"}").status(), "other addresses are not affected");

        Thread.sleep(retryAfter * 1000 + 500);
        assertEquals(200, sprayer.login("admin", Http.ADMIN_PASSWORD).status(), "the address recovers");
    }

    @Test
    void loginsAreAuditEvents() {
        String user = Users.create("audited", "read");
        LoopbackClient client = LoopbackClient.fresh();
        assertEquals(401, client.login(user, WRONG).status());
        assertEquals(200, client.login(user, Users.PASSWORD).status());
        boolean failed = false;
        boolean succeeded = false;
        for (JsonNode e : Events.all(Http.admin())) {
            if (user.equals(e.path("payload").path("by").asText())) {
                failed |= e.path("type").asText().equals("auth.login_failed")
                        && client.address().equals(e.path("payload").path("address").asText());
                succeeded |= e.path("type").asText().equals("auth.login_succeeded");
                assertTrue(!e.toString().contains(Users.PASSWORD) && !e.toString().contains(WRONG), "no password in events");
            }
        }
        assertTrue(failed && succeeded, "both logins are in the event log");
    }
}
