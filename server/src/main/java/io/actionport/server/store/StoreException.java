package io.actionport.server.store;

import io.actionport.server.ActionportException;
import io.actionport.server.InternalErrors;
import java.sql.SQLException;

/**
 * The database refused or failed a statement. Its message names the statement for the server log;
 * doors never show it, they report it through {@link InternalErrors}.
 */
public final class StoreException extends ActionportException {

    public StoreException(String statement, SQLException cause) {
        super(
                InternalErrors.STORE_ERROR,
                "database error in " + abbreviate(statement) + ": " + cause.getMessage(),
                cause);
    }

    /** Whether the statement broke a unique key: 23505, unique_violation, in PostgreSQL and H2 alike. */
    public boolean isDuplicateKey() {
        return getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState());
    }

    /**
     * Whether the data itself was refused (SQL state class 22, a data exception, or 23, an
     * integrity constraint violation): the same write fails again however often it is tried.
     */
    public boolean isRefusedData() {
        if (!(getCause() instanceof SQLException sql) || sql.getSQLState() == null) {
            return false;
        }
        return sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23");
    }

    private static String abbreviate(String statement) {
        var oneLine = statement.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 80) + "…";
    }
}
