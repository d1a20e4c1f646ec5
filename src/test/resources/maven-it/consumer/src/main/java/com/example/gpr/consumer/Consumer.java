package com.example.gpr.consumer;

import com.example.gpr.app.App;
import com.example.gpr.core.Greeting;

/** Compiles only if app and (transitively) core were resolved from the server. */
public final class Consumer {
    private Consumer() {
    }

    public static String run() {
        return App.run() + " / " + Greeting.hello("consumer");
    }
}
