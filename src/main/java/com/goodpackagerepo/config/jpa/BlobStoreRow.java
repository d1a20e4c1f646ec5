package com.goodpackagerepo.config.jpa;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** One blob store of storage.blob_stores.<name>. */
@Entity
@Table(name = "gpr_blob_store")
public class BlobStoreRow extends ConfigRow {
    protected BlobStoreRow() {
    }

    public BlobStoreRow(String name, int position, String body) {
        super(name, position, body);
    }
}
