package io.actionport.server.store;

import io.actionport.server.ActionportException;
import java.sql.SQLException;

/** The database refused or failed a statement. */
public final class StoreException extends ActionportException {

    public StoreException(String statement, SQLException cause) {
        super("store_error", "database error in " + abbreviate(statement) + ": " + cause.getMessage(), cause);
    }

    private static String abbreviate(String statement) {
        var oneLine = statement.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 80) + "…";
    }
}
