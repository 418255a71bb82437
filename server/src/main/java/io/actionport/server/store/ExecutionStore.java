package io.actionport.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Execution records and their log lines. */
public final class ExecutionStore {

    private final Jdbc jdbc;

    public ExecutionStore(Database database) {
        this.jdbc = new Jdbc(database.dataSource());
    }

    /** Stores a new execution, as it is when accepted. */
    public void insert(ExecutionRecord record) {
        jdbc.update(
                "INSERT INTO executions (id, environment, integration, action_name, action_version, connection_id, "
                        + "caller, status, attempts, input, created_at, started_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                record.id(),
                record.environment(),
                record.integration(),
                record.actionName(),
                record.actionVersion(),
                record.connectionId(),
                record.caller(),
                record.status().name(),
                record.attempts(),
                record.input(),
                record.createdAt(),
                record.startedAt());
    }

    /** Records how an execution ended, with its log lines, in one transaction. */
    public void finish(
            String id,
            ExecutionStatus status,
            String output,
            String errorCode,
            String errorMessage,
            String errorDetails,
            Instant finishedAt,
            List<LogLine> logs) {
        jdbc.inTransaction(connection -> {
            Jdbc.update(
                    connection,
                    "UPDATE executions SET status = ?, output = ?, error_code = ?, error_message = ?, "
                            + "error_details = ?, finished_at = ? WHERE id = ?",
                    status.name(),
                    output,
                    errorCode,
                    errorMessage,
                    errorDetails,
                    finishedAt,
                    id);
            if (!logs.isEmpty()) {
                try (var statement = connection.prepareStatement(
                        "INSERT INTO execution_logs (execution_id, seq, logged_at, level, message) VALUES (?, ?, ?, ?, ?)")) {
                    for (int i = 0; i < logs.size(); i++) {
                        var line = logs.get(i);
                        Jdbc.bind(statement, 1, id);
                        Jdbc.bind(statement, 2, i);
                        Jdbc.bind(statement, 3, line.at());
                        Jdbc.bind(statement, 4, line.level());
                        Jdbc.bind(statement, 5, line.message());
                        statement.addBatch();
                    }
                    statement.executeBatch();
                }
            }
            return null;
        });
    }

    /** An execution of the given environment; another environment's is not found. */
    public Optional<ExecutionRecord> find(String environment, String id) {
        return jdbc.queryOne(
                "SELECT * FROM executions WHERE id = ? AND environment = ?", ExecutionStore::record, id, environment);
    }

    /** The newest executions of an environment, newest first. */
    public List<ExecutionRecord> recent(String environment, int limit) {
        return jdbc.query(
                "SELECT * FROM executions WHERE environment = ? ORDER BY created_at DESC, id DESC LIMIT ?",
                ExecutionStore::record,
                environment,
                limit);
    }

    public List<LogLine> logs(String id) {
        return jdbc.query(
                "SELECT logged_at, level, message FROM execution_logs WHERE execution_id = ? ORDER BY seq",
                row -> new LogLine(Jdbc.instant(row, "logged_at"), row.getString("level"), row.getString("message")),
                id);
    }

    private static ExecutionRecord record(ResultSet row) throws SQLException {
        return new ExecutionRecord(
                row.getString("id"),
                row.getString("environment"),
                row.getString("integration"),
                row.getString("action_name"),
                row.getString("action_version"),
                row.getString("connection_id"),
                row.getString("caller"),
                ExecutionStatus.valueOf(row.getString("status")),
                row.getInt("attempts"),
                row.getString("input"),
                row.getString("output"),
                row.getString("error_code"),
                row.getString("error_message"),
                row.getString("error_details"),
                Jdbc.instant(row, "created_at"),
                Jdbc.instant(row, "started_at"),
                Jdbc.instant(row, "finished_at"));
    }
}
