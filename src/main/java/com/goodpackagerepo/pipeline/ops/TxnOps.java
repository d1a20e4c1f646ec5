package com.goodpackagerepo.pipeline.ops;

import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.pipeline.OpCall;
import com.goodpackagerepo.pipeline.OpFamily;
import com.goodpackagerepo.pipeline.OpHandler;
import com.goodpackagerepo.pipeline.PipelineContext;
import com.goodpackagerepo.pipeline.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * {@code txn.begin}, {@code txn.commit}, {@code txn.abort}. Isolation is always serializable: LMDB has one
 * writer, and if-absent writes are re-checked at commit. Before committing, every blob stored by the
 * transaction must have been verified ({@code run.digest_verify_on_put}).
 */
@ApplicationScoped
public class TxnOps implements OpFamily {
    @Inject
    Transactions transactions;

    @Override
    public Map<String, OpHandler> handlers() {
        return Map.of("txn.begin", this::begin, "txn.commit", this::commit, "txn.abort", this::abort);
    }

    void begin(OpCall call, PipelineContext ctx) throws Exception {
        String isolation = call.textArg("isolation");
        if (isolation != null && !"serializable".equals(isolation)) {
            throw new DomainException(ErrorCode.INTERNAL_ERROR, "Unsupported isolation " + isolation);
        }
        if (ctx.transaction() != null) {
            throw new DomainException(ErrorCode.RUNTIME_CHECK_FAILED, "Nested txn.begin at " + call.location());
        }
        ctx.transaction(transactions.begin());
    }

    void commit(OpCall call, PipelineContext ctx) {
        if (ctx.transaction() == null) {
            throw new DomainException(ErrorCode.RUNTIME_CHECK_FAILED, "txn.commit without txn.begin at " + call.location());
        }
        if (transactions.digestVerifyRequired(ctx.config()) && !ctx.unverifiedBlobPuts().isEmpty()) {
            throw new DomainException(ErrorCode.RUNTIME_CHECK_FAILED,
                    "run.digest_verify_on_put: stored blob was not verified before commit");
        }
        var txn = ctx.transaction();
        ctx.transaction(null);
        transactions.commit(txn);
    }

    void abort(OpCall call, PipelineContext ctx) {
        if (ctx.transaction() != null) {
            ctx.transaction().rollback();
            ctx.transaction(null);
        }
    }
}
