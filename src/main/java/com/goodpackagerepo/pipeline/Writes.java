package com.goodpackagerepo.pipeline;

import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.storage.ConflictException;
import com.goodpackagerepo.storage.WriteBatch;
import com.goodpackagerepo.storage.engines.Stores;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where a write op's changes go: into the open transaction's batch, or — only when the configuration does
 * not declare {@code run.txn_for_writes} — into a batch committed at once.
 */
@ApplicationScoped
public class Writes {
    @Inject
    Stores stores;
    @Inject
    Transactions transactions;
    @Inject
    Event<CommittedEvents> committedEvents;

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
        try {
            var events = batch.commit();
            if (!events.isEmpty()) {
                committedEvents.fire(new CommittedEvents(events));
            }
        } catch (ConflictException e) {
            throw new DomainException(ErrorCode.ALREADY_EXISTS, "Already exists: " + e.key());
        }
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
