package com.goodpackagerepo.pipeline;

import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.storage.WriteBatch;
import com.goodpackagerepo.storage.event.StoredEvent;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.UserTransaction;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A pipeline transaction. The JTA transaction starts at {@code txn.begin}; metadata writes collect in a
 * {@link WriteBatch} and are applied in one short LMDB write transaction from the JTA transaction's
 * {@code beforeCompletion}, so they commit exactly when it commits: a JTA rollback (or timeout) never
 * reaches LMDB, and a failed LMDB commit (a lost if-absent race, a full map) rolls the JTA transaction back.
 */
final class JtaTransaction implements Transaction {
    private static final Logger LOG = Logger.getLogger(JtaTransaction.class.getName());

    private final UserTransaction ut;
    private final WriteBatch batch;
    private volatile RuntimeException commitFailure;
    private volatile List<StoredEvent> committed = List.of();
    private boolean open;

    JtaTransaction(UserTransaction ut, TransactionSynchronizationRegistry registry, WriteBatch batch,
                   int timeoutSeconds) throws Exception {
        this.ut = ut;
        this.batch = batch;
        ut.setTransactionTimeout(timeoutSeconds);
        ut.begin();
        open = true;
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                if (registry.getRollbackOnly()) {
                    return;
                }
                try {
                    committed = batch.commit();
                } catch (RuntimeException e) {
                    commitFailure = e;
                    registry.setRollbackOnly();
                }
            }

            @Override
            public void afterCompletion(int status) {
                if (status != Status.STATUS_COMMITTED) {
                    batch.abort();
                }
            }
        });
    }

    @Override
    public WriteBatch batch() {
        return batch;
    }

    @Override
    public List<StoredEvent> committedEvents() {
        return committed;
    }

    @Override
    public void commit() {
        open = false;
        try {
            ut.commit();
        } catch (RollbackException e) {
            if (commitFailure != null) {
                throw commitFailure;
            }
            throw new DomainException(ErrorCode.INTERNAL_ERROR, "Transaction was rolled back (timed out?)");
        } catch (Exception e) {
            if (commitFailure != null) {
                throw commitFailure;
            }
            throw new IllegalStateException("transaction commit failed", e);
        }
    }

    @Override
    public void rollback() {
        if (!open) {
            return;
        }
        open = false;
        try {
            batch.abort();
            ut.rollback();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "transaction rollback failed", e);
        }
    }
}
