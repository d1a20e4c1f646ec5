package com.example.gpr.app;

import com.example.gpr.core.Greeting;

/** Depends on core within the reactor. */
public final class App {
    private App() {
    }

    public static String run() {
        return Greeting.hello("app");
    }
}
