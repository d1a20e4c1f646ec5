package com.goodpackagerepo.pipeline;

import com.goodpackagerepo.storage.WriteBatch;

/** An open pipeline transaction: the JTA transaction and the metadata writes that commit with it. */
public interface Transaction {
    WriteBatch batch();

    void commit();

    void rollback();

    /** The events this transaction appended, once it has committed. */
    default java.util.List<com.goodpackagerepo.storage.event.StoredEvent> committedEvents() {
        return java.util.List.of();
    }
}
