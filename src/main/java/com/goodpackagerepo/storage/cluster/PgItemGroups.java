package com.goodpackagerepo.storage.cluster;

import com.goodpackagerepo.storage.GroupCommitter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Group commit of small independent rows (blob lease registrations and releases): items handed in while a
 * transaction runs share the next one, written by one call of {@code writer} with one commit (one WAL flush)
 * instead of a transaction each. A member only adds its item, so nothing of a group can fail alone: a failure of
 * the transaction fails every member of it.
 */
final class PgItemGroups<T> implements GroupCommitter.Engine<List<T>> {
    /** Writes a group's items inside the transaction it is given. */
    @FunctionalInterface
    interface Writer<T> {
        void write(Connection c, List<T> items) throws SQLException;
    }

    private final DataSource dataSource;
    private final Writer<T> writer;
    private final GroupCommitter<List<T>> committer;

    PgItemGroups(DataSource dataSource, int maxGroup, Writer<T> writer) {
        this.dataSource = dataSource;
        this.writer = writer;
        this.committer = new GroupCommitter<>(this, maxGroup);
    }

    /**
     * Returns once {@code item} is committed with its group.
     *
     * @throws IllegalStateException the group's transaction failed (nothing of it was written)
     */
    void add(T item) {
        committer.commit(items -> items.add(item));
    }

    /** Groups committed so far and the items they held (for tests). */
    long[] counts() {
        return committer.counts();
    }

    @Override
    public void write(Consumer<List<T>> work) {
        List<T> items = new ArrayList<>();
        work.accept(items);
        if (items.isEmpty()) {
            return;
        }
        try (Connection c = Connections.open(dataSource)) {
            Connections.inTransaction(c, tx -> {
                writer.write(tx, items);
                return null;
            });
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public <R> R nested(List<T> parent, Function<List<T>, R> work) {
        return work.apply(parent); // adding an item cannot fail: nothing to roll back
    }

    @Override
    public boolean failsGroup(RuntimeException failure) {
        return true;
    }
}
