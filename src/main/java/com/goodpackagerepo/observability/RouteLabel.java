package com.goodpackagerepo.observability;

import jakarta.enterprise.context.RequestScoped;

/** The route a request was dispatched to (a configured route id, or the fixed endpoint's name), for metrics and logs. */
@RequestScoped
public class RouteLabel {
    private String route;

    public String get() {
        return route == null ? "unmatched" : route;
    }

    public void set(String value) {
        this.route = value;
    }
}
