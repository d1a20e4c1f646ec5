package com.goodpackagerepo.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.storage.ConflictException;
import com.goodpackagerepo.storage.WriteBatch;
import com.goodpackagerepo.storage.event.CommittedEvents;
import com.goodpackagerepo.storage.event.StoredEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A transaction's commit announces its events once, through the same step as a write outside a transaction. */
class PostCommitTest {
    private static final StoredEvent PUBLISHED =
            new StoredEvent(1, "e1", "artifact.published", JsonNodeFactory.instance.objectNode(), "2026-01-01T00:00:00Z");

    private final RecordedEvents<CommittedEvents> fired = new RecordedEvents<>();
    private final Transactions transactions = new Transactions(null, fired, 60);

    @Test
    void aCommitAnnouncesItsEventsOnce() {
        transactions.commit(transaction(List.of(PUBLISHED), null));
        assertEquals(List.of(new CommittedEvents(List.of(PUBLISHED))), fired.fired());
    }

    @Test
    void aCommitWithoutEventsAnnouncesNothing() {
        transactions.commit(transaction(List.of(), null));
        assertTrue(fired.fired().isEmpty());
    }

    @Test
    void aConflictAtCommitIs409AndAnnouncesNothing() {
        DomainException e = assertThrows(DomainException.class,
                () -> transactions.commit(transaction(List.of(PUBLISHED), new ConflictException("artifact/a/b/1/x"))));
        assertEquals(ErrorCode.ALREADY_EXISTS, e.code());
        assertTrue(fired.fired().isEmpty());
    }

    private static Transaction transaction(List<StoredEvent> events, RuntimeException failure) {
        return new Transaction() {
            @Override
            public WriteBatch batch() {
                throw new UnsupportedOperationException();
            }

            @Override
            public void commit() {
                if (failure != null) {
                    throw failure;
                }
            }

            @Override
            public void rollback() {
            }

            @Override
            public List<StoredEvent> committedEvents() {
                return events;
            }
        };
    }
}
