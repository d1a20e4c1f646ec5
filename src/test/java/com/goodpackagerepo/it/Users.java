package com.goodpackagerepo.it;

/** Creates throw-away users through the admin API. */
final class Users {
    static final String PASSWORD = "Sturdy-Test-Passphrase-42";

    private Users() {
    }

    /** Creates a user with the given scopes and returns its name. */
    static String create(String prefix, String... scopes) {
        String name = Http.unique(prefix);
        StringBuilder list = new StringBuilder();
        for (String s : scopes) {
            list.append(list.length() == 0 ? "" : ",").append('"').append(s).append('"');
        }
        Http.Reply r = Http.postJson("/admin/users", Http.admin(),
                "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"scopes\":[" + list + "]}");
        if (r.status() != 201) {
            throw new AssertionError("cannot create user: " + r.status() + " " + r.body());
        }
        return name;
    }

    static String token(String prefix, String... scopes) {
        return Http.login(create(prefix, scopes), PASSWORD);
    }
}
