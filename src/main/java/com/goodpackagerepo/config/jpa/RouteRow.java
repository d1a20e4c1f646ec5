package com.goodpackagerepo.config.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One route of api.routes, with its method and path as columns and the whole route as JSON. */
@Entity
@Table(name = "gpr_route")
public class RouteRow {
    @Id
    @Column(name = "route_id", length = 64)
    private String routeId;

    @Column(name = "position", nullable = false)
    private int position;

    @Column(name = "method", nullable = false, length = 10)
    private String method;

    @Column(name = "path", nullable = false, length = 1024)
    private String path;

    @Column(name = "body", nullable = false, length = 1000000)
    private String body;

    protected RouteRow() {
    }

    public RouteRow(String routeId, int position, String method, String path, String body) {
        this.routeId = routeId;
        this.position = position;
        this.method = method;
        this.path = path;
        this.body = body;
    }

    public String getRouteId() {
        return routeId;
    }

    public int getPosition() {
        return position;
    }

    public String getBody() {
        return body;
    }
}
