package com.goodpackagerepo.storage.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Connections of the cluster store in a known state: auto-commit on and read committed, whatever the pool's last
 * user left (a pooled connection keeps its settings), so a plain read never leaves a transaction open.
 */
final class Connections {
    private Connections() {
    }

    static Connection open(DataSource dataSource) throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
            if (c.getTransactionIsolation() != Connection.TRANSACTION_READ_COMMITTED) {
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
            return c;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }
}
