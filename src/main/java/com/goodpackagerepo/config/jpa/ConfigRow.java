package com.goodpackagerepo.config.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/** A named piece of the repository schema stored as JSON text, kept in schema order by position. */
@MappedSuperclass
public abstract class ConfigRow {
    @Id
    @Column(name = "name", length = 128)
    private String name;

    @Column(name = "position", nullable = false)
    private int position;

    @Column(name = "body", nullable = false, length = 1000000)
    private String body;

    protected ConfigRow() {
    }

    protected ConfigRow(String name, int position, String body) {
        this.name = name;
        this.position = position;
        this.body = body;
    }

    public String getName() {
        return name;
    }

    public int getPosition() {
        return position;
    }

    public String getBody() {
        return body;
    }
}
