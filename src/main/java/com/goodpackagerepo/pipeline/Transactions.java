package com.goodpackagerepo.pipeline;

import com.goodpackagerepo.config.RepositoryConfig;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.storage.ConflictException;
import com.goodpackagerepo.storage.engines.Stores;
import com.goodpackagerepo.storage.event.CommittedEvents;
import com.goodpackagerepo.storage.event.StoredEvent;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.UserTransaction;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Opens and commits pipeline transactions; maps commit conflicts to 409; announces committed events once. */
@ApplicationScoped
public class Transactions {
    @Resource
    UserTransaction userTransaction;

    @Resource
    TransactionSynchronizationRegistry synchronizationRegistry;

    private final Stores stores;
    private final Event<CommittedEvents> committed;
    private final int timeoutSeconds;

    /** For the container's client proxy only. */
    protected Transactions() {
        this(null, null, 0);
    }

    @Inject
    public Transactions(Stores stores, Event<CommittedEvents> committed,
                        @ConfigProperty(name = "gpr.txn.timeout.seconds", defaultValue = "3600") int timeoutSeconds) {
        this.stores = stores;
        this.committed = committed;
        this.timeoutSeconds = timeoutSeconds;
    }

    public Transaction begin() throws Exception {
        return new JtaTransaction(userTransaction, synchronizationRegistry, stores.metadata().newBatch(), timeoutSeconds);
    }

    public void commit(Transaction txn) {
        try {
            txn.commit();
        } catch (ConflictException e) {
            throw new DomainException(ErrorCode.ALREADY_EXISTS, "Already exists: " + e.key());
        }
        announce(txn.committedEvents());
    }

    /**
     * The one post-commit step of every write, in a transaction or not: the committed events go out as a CDI
     * event (the blob cache and the event metrics observe it).
     */
    public void announce(List<StoredEvent> events) {
        if (!events.isEmpty()) {
            committed.fire(new CommittedEvents(events));
        }
    }

    public boolean digestVerifyRequired(RepositoryConfig config) {
        return declares(config, "all_blob_puts_followed_by");
    }

    public boolean txnRequiredForWrites(RepositoryConfig config) {
        return declares(config, "all_kv_or_index_writes_inside_txn");
    }

    private static boolean declares(RepositoryConfig config, String requirement) {
        return config.model().runtimeRequirements().contains(requirement);
    }
}
