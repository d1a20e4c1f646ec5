package com.goodpackagerepo.pipeline;

import com.goodpackagerepo.config.RepositoryConfig;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.storage.ConflictException;
import com.goodpackagerepo.storage.engines.Stores;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.UserTransaction;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Opens and commits pipeline transactions; maps commit conflicts to 409; announces committed events. */
@ApplicationScoped
public class Transactions {
    @Resource
    UserTransaction userTransaction;

    @Resource
    TransactionSynchronizationRegistry synchronizationRegistry;

    @Inject
    Stores stores;

    @Inject
    com.goodpackagerepo.observability.RepositoryMetrics metrics;

    @Inject
    Event<CommittedEvents> committedEvents;

    @Inject
    @ConfigProperty(name = "gpr.txn.timeout.seconds", defaultValue = "3600")
    int timeoutSeconds;

    public Transaction begin() throws Exception {
        return new JtaTransaction(userTransaction, synchronizationRegistry, stores.metadata().newBatch(), timeoutSeconds);
    }

    public void commit(Transaction txn) {
        try {
            txn.commit();
        } catch (ConflictException e) {
            throw new DomainException(ErrorCode.ALREADY_EXISTS, "Already exists: " + e.key());
        }
        if (metrics != null) {
            txn.committedEvents().forEach(event -> metrics.event(event.type()));
        }
        if (committedEvents != null && !txn.committedEvents().isEmpty()) {
            committedEvents.fire(new CommittedEvents(txn.committedEvents()));
        }
    }

    public boolean digestVerifyRequired(RepositoryConfig config) {
        return declares(config, "all_blob_puts_followed_by");
    }

    public boolean txnRequiredForWrites(RepositoryConfig config) {
        return declares(config, "all_kv_or_index_writes_inside_txn");
    }

    private static boolean declares(RepositoryConfig config, String requirement) {
        for (var check : config.schema().path("validation").path("runtime_checks")) {
            if (check.path("require").has(requirement)) {
                return true;
            }
        }
        return false;
    }
}
