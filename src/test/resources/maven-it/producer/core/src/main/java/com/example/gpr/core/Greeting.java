package com.example.gpr.core;

/** A class the consumer project compiles against. */
public final class Greeting {
    private Greeting() {
    }

    public static String hello(String name) {
        return "hello " + name + " from @VERSION@";
    }
}
