package io.actionport.server.store;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Environments: names, who created them, and the removal of one with everything in it. Keys live in {@link KeyStore}. */
public final class EnvironmentStore {

    /** An environment and the environment whose admin key created it (null for seeded ones). */
    public record Environment(String name, String createdBy, Instant createdAt) {}

    /** What an environment holds that a deletion would destroy. */
    public record Contents(long deployments, long connections, long executions) {
        public boolean isEmpty() {
            return deployments == 0 && connections == 0 && executions == 0;
        }
    }

    private final Jdbc jdbc;
    private final Clock clock;

    public EnvironmentStore(Database database, Clock clock) {
        this.jdbc = new Jdbc(database.dataSource());
        this.clock = clock;
    }

    /** Creates a seeded environment (demo mode, tests); it has no keys until some are added. */
    public void create(String name) {
        create(name, null);
    }

    /** Creates an environment on behalf of {@code createdBy}; a name in use is a {@link DuplicateException}. */
    public void create(String name, String createdBy) {
        if (exists(name)) {
            throw new DuplicateException("environment '" + name + "' already exists");
        }
        jdbc.update(
                "INSERT INTO environments (name, created_by, created_at) VALUES (?, ?, ?)",
                name,
                createdBy,
                clock.instant());
    }

    public boolean exists(String name) {
        return find(name).isPresent();
    }

    public Optional<Environment> find(String name) {
        return jdbc.queryOne(
                "SELECT name, created_by, created_at FROM environments WHERE name = ?",
                row -> new Environment(row.getString(1), row.getString(2), Jdbc.instant(row, "created_at")),
                name);
    }

    public List<String> names() {
        return jdbc.query("SELECT name FROM environments ORDER BY name", row -> row.getString(1));
    }

    /** The environment itself and those it created. */
    public List<Environment> visibleTo(String environment) {
        return jdbc.query(
                "SELECT name, created_by, created_at FROM environments WHERE name = ? OR created_by = ? ORDER BY name",
                row -> new Environment(row.getString(1), row.getString(2), Jdbc.instant(row, "created_at")),
                environment,
                environment);
    }

    public Contents contents(String name) {
        return new Contents(
                count("SELECT COUNT(*) FROM deployments WHERE environment = ? AND active = TRUE", name),
                count("SELECT COUNT(*) FROM connections WHERE environment = ?", name),
                count("SELECT COUNT(*) FROM executions WHERE environment = ?", name));
    }

    /** Deletes an environment and everything in it, in one transaction. */
    public void delete(String name) {
        jdbc.inTransaction(connection -> {
            for (var sql : List.of(
                    "DELETE FROM execution_logs WHERE execution_id IN (SELECT id FROM executions WHERE environment = ?)",
                    "DELETE FROM webhook_deliveries WHERE execution_id IN (SELECT id FROM executions WHERE environment = ?)",
                    "DELETE FROM task_requests WHERE execution_id IN (SELECT id FROM executions WHERE environment = ?)",
                    "DELETE FROM task_clients WHERE execution_id IN (SELECT id FROM executions WHERE environment = ?)",
                    "DELETE FROM executions WHERE environment = ?",
                    "DELETE FROM audit_events WHERE environment = ?",
                    "DELETE FROM idempotency_keys WHERE environment = ?",
                    "DELETE FROM webhooks WHERE environment = ?",
                    "DELETE FROM connections WHERE environment = ?",
                    "DELETE FROM connect_sessions WHERE environment = ?",
                    "DELETE FROM integrations WHERE environment = ?",
                    "DELETE FROM deployments WHERE environment = ?",
                    "DELETE FROM keys WHERE environment = ?",
                    "DELETE FROM environments WHERE name = ?")) {
                Jdbc.update(connection, sql, name);
            }
            return null;
        });
    }

    private long count(String sql, String name) {
        return jdbc.queryOne(sql, row -> row.getLong(1), name).orElse(0L);
    }
}
