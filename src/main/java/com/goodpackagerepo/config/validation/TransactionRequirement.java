package com.goodpackagerepo.config.validation;

import java.util.Set;

/**
 * {@code all_kv_or_index_writes_inside_txn: true} (a runtime check decided statically): in every
 * pipeline, each write ({@link #WRITES}) sits between a {@code txn.begin} and the {@code txn.commit} or
 * {@code txn.abort} that ends it. A nested {@code txn.begin}, a commit/abort with no open transaction
 * and a {@code txn.begin} never ended are violations too; all are reported at the op's {@code .op}.
 *
 * <p>Pipelines are read in order; a {@code when} condition on an op is not taken into account.
 */
final class TransactionRequirement implements RequirementEvaluator {

    static final Set<String> WRITES = Set.of("kv.put", "kv.cas_put", "kv.delete", "index.upsert", "index.delete");

    @Override
    public void evaluate(RequirementContext context) {
        if (!context.requireTrueArgument()) {
            return;
        }
        for (Pipelines.Pipeline pipeline : Pipelines.all(context.schema())) {
            OpRef open = null;
            for (OpRef op : pipeline.ops()) {
                switch (op.op()) {
                    case "txn.begin" -> {
                        if (open != null) {
                            context.report(op.opPath(), "txn.begin inside the transaction begun at " + open.path());
                        }
                        open = op;
                    }
                    case "txn.commit", "txn.abort" -> {
                        if (open == null) {
                            context.report(op.opPath(), op.op() + " without a txn.begin before it");
                        }
                        open = null;
                    }
                    default -> {
                        if (open == null && WRITES.contains(op.op())) {
                            context.report(op.opPath(),
                                    op.op() + " is outside a transaction (txn.begin ... txn.commit)");
                        }
                    }
                }
            }
            if (open != null) {
                context.report(open.opPath(), "txn.begin is never ended by txn.commit or txn.abort");
            }
        }
    }
}
