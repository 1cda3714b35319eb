package org.confer.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

/**
 * Which failures answer 503 unavailable rather than 500 (docs/cluster.md, "When PostgreSQL goes away"): the ones
 * that mean the database cannot be reached now, however deep jOOQ wraps them. The outage
 * itself is tested end to end in cluster/DatabaseOutageTest; the states it cannot reliably
 * produce (a PostgreSQL still replaying its log, a statement that is simply wrong) are here.
 */
class DatabaseUnavailableTest {

    @Test
    void theDatabaseBeingUnreachableShuttingDownOrStartingUpIsUnavailable() {
        assertThat(ProblemMapping.databaseUnavailable(new DataAccessException("Error getting connection",
                new SQLTransientConnectionException("confer-db - Connection is not available, request timed out after 3000ms")))).isTrue();
        assertThat(ProblemMapping.databaseUnavailable(new DataAccessException("SQL [...]",
                new SQLException("An I/O error occurred while sending to the backend.", "08006")))).isTrue();
        assertThat(ProblemMapping.databaseUnavailable(new RuntimeException(new DataAccessException("SQL [...]",
                new SQLException("terminating connection due to administrator command", "57P01"))))).isTrue();
        assertThat(ProblemMapping.databaseUnavailable(new DataAccessException("SQL [...]",
                new SQLException("the database system is starting up", "57P03")))).isTrue();
    }

    @Test
    void aStatementThatFailsOnAWorkingDatabaseIsStillAnInternalError() {
        assertThat(ProblemMapping.databaseUnavailable(new DataAccessException("SQL [...]",
                new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
        assertThat(ProblemMapping.databaseUnavailable(new DataAccessException("SQL [...]",
                new SQLException("column \"x\" does not exist", "42703")))).isFalse();
        assertThat(ProblemMapping.databaseUnavailable(new IllegalStateException("no cause"))).isFalse();
    }
}
