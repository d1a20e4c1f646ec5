package com.goodpackagerepo.pipeline;

import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.storage.ConflictException;
import com.goodpackagerepo.storage.WriteBatch;
import com.goodpackagerepo.storage.engines.Stores;
import com.goodpackagerepo.storage.event.StoredEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where a write op's changes go: into the open transaction's batch, or — only when the configuration does
 * not declare {@code run.txn_for_writes} — into a batch committed at once.
 */
@ApplicationScoped
public class PipelineWrites {
    private final Stores stores;
    private final Transactions transactions;

    /** For the container's client proxy only. */
    protected PipelineWrites() {
        this(null, null);
    }

    @Inject
    public PipelineWrites(Stores stores, Transactions transactions) {
        this.stores = stores;
        this.transactions = transactions;
    }

    public void write(PipelineContext ctx, String op, Consumer<WriteBatch> change) {
        if (ctx.transaction() != null) {
            change.accept(ctx.transaction().batch());
            return;
        }
        if (transactions.txnRequiredForWrites(ctx.config())) {
            throw new DomainException(ErrorCode.RUNTIME_CHECK_FAILED,
                    "run.txn_for_writes: " + op + " outside txn.begin…txn.commit");
        }
        WriteBatch batch = stores.metadata().newBatch();
        change.accept(batch);
        List<StoredEvent> events;
        try {
            events = batch.commit();
        } catch (ConflictException e) {
            throw new DomainException(ErrorCode.ALREADY_EXISTS, "Already exists: " + e.key());
        }
        transactions.announce(events);
    }

    /**
     * {@link #read} for a check that only refuses early what the batch's own precondition on the same key refuses
     * again at commit ({@link WriteBatch#peekDocument}): inside a transaction a cluster node answers it from its
     * replica, without confirming a miss in PostgreSQL.
     */
    public Optional<byte[]> peek(PipelineContext ctx, String key) {
        ctx.budget().chargeIo(1);
        if (ctx.transaction() != null) {
            return ctx.transaction().batch().peekDocument(key);
        }
        return stores.metadata().get(key);
    }

    /** A document as the request sees it: its transaction's pending write first, then the store. */
    public Optional<byte[]> read(PipelineContext ctx, String key) {
        ctx.budget().chargeIo(1);
        if (ctx.transaction() != null) {
            return ctx.transaction().batch().getDocument(key);
        }
        return stores.metadata().get(key);
    }
}
