package com.goodpackagerepo.pipeline;

import com.goodpackagerepo.storage.WriteBatch;

/** An open pipeline transaction: the JTA transaction and the metadata writes that commit with it. */
public interface Transaction {
    WriteBatch batch();

    void commit();

    void rollback();
}
