package io.supportaccess.keycloak.storage;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.util.List;
import org.hibernate.Session;
import org.jboss.logging.Logger;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.persister.entity.AbstractEntityPersister;

/**
 * Inserts a row that a unique constraint keeps single, inside the request's transaction. The
 * caller has checked that the row is missing; when a simultaneous transaction inserted the same
 * row after that check, the constraint refuses this insert and the outcome is the same as if the
 * check had seen it: nothing is added, and the transaction goes on.
 *
 * <p>The insert runs behind a savepoint and outside Hibernate: a failed statement otherwise
 * aborts the whole transaction (PostgreSQL), and Hibernate marks it rollback-only after any failed
 * flush. The savepoint is set and rolled back on the database connection itself: the pool's
 * wrapper (Agroal) refuses any rollback on a connection enlisted in a transaction, even one that
 * only returns to a savepoint and leaves the transaction going.
 */
public final class UniqueRows {

    /** SQLSTATE class 23: integrity constraint violation (a unique key among them). */
    private static final String INTEGRITY_VIOLATION = "23";
    private static final Logger LOG = Logger.getLogger(UniqueRows.class);

    private UniqueRows() {
    }

    /** Inserts the row unless an equal one exists (nulls only in string columns); returns whether this call added it. */
    public static boolean insertIfAbsent(EntityManager em, Class<?> entity, List<String> columns, List<Object> values) {
        em.flush();
        String table = tableOf(em, entity);
        String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
        return em.unwrap(Session.class).doReturningWork(connection -> insert(connection, sql, values));
    }

    private static boolean insert(Connection pooled, String sql, List<Object> values) throws SQLException {
        Connection connection = pooled.unwrap(Connection.class);
        Savepoint savepoint = connection.setSavepoint();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i) == null) {
                    statement.setNull(i + 1, Types.VARCHAR);
                } else {
                    statement.setObject(i + 1, values.get(i));
                }
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            connection.rollback(savepoint);
            if (e.getSQLState() != null && e.getSQLState().startsWith(INTEGRITY_VIOLATION)) {
                LOG.debugf("row inserted at the same time by another transaction, kept single: %s", e.getMessage());
                return false;
            }
            throw e;
        }
        connection.releaseSavepoint(savepoint);
        return true;
    }

    /** The entity's table as Hibernate names it, with the schema the server is configured for. */
    private static String tableOf(EntityManager em, Class<?> entity) {
        SessionFactoryImplementor factory = em.getEntityManagerFactory().unwrap(SessionFactoryImplementor.class);
        return ((AbstractEntityPersister) factory.getMappingMetamodel().getEntityDescriptor(entity)).getTableName();
    }
}
