package io.actionport.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * The audit log of each environment. Executions are read from the executions table, which the runner
 * writes durably anyway (a call costs no extra write or flush); admin operations are the rows of
 * {@code audit_events}, written here.
 */
public final class AuditStore {

    /**
     * Which entries to list; null fields do not filter.
     *
     * @param since only entries at or after this
     * @param actor only entries of this key id or {@code oauth:<sub>}
     * @param action an operation ({@code deploy}), an action's {@code integration/name}, or its bare name
     * @param before only entries whose id sorts before this one (the page cursor)
     */
    public record Filter(Instant since, String actor, String action, String before) {
        public static final Filter ALL = new Filter(null, null, null, null);
    }

    private final Database database;
    private final Jdbc jdbc;
    private final Clock clock;
    private final Supplier<String> ids;

    /** @param ids time-ordered ids, as executions get, so operations and executions sort together */
    public AuditStore(Database database, Clock clock, Supplier<String> ids) {
        this.database = database;
        this.jdbc = new Jdbc(database.dataSource());
        this.clock = clock;
        this.ids = ids;
    }

    /** Now, by the store's clock: {@code since=24h} counts back from it. */
    public Instant now() {
        return clock.instant();
    }

    /**
     * Records an admin operation that was done, durably (operations are rare; calls never come here).
     *
     * @param target the name of what changed; never a secret value
     */
    public AuditEntry recordOperation(String environment, String actor, String door, String operation, String target) {
        var entry = new AuditEntry(
                ids.get(),
                clock.instant(),
                environment,
                actor,
                door,
                operation,
                null,
                ContentCaps.cut(target, 512),
                "ok",
                null,
                null);
        StoreRetry.write(
                "recording " + operation + " in the audit log",
                () -> jdbc.update(
                        "INSERT INTO audit_events (id, environment, at, actor, door, operation, target, result) "
                                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        entry.id(),
                        entry.environment(),
                        entry.at(),
                        entry.actor(),
                        entry.door(),
                        entry.action(),
                        entry.target(),
                        entry.result()));
        database.makeDurable();
        return entry;
    }

    /** A page of the environment's entries matching {@code filter}, newest first. */
    public List<AuditEntry> search(String environment, Filter filter, int limit) {
        var merged = new ArrayList<AuditEntry>(limit * 2);
        merged.addAll(executions(environment, filter, limit));
        merged.addAll(operations(environment, filter, limit));
        merged.sort(Comparator.comparing(AuditEntry::id).reversed());
        return List.copyOf(merged.subList(0, Math.min(limit, merged.size())));
    }

    private List<AuditEntry> executions(String environment, Filter filter, int limit) {
        // Never input, output or error message: they may hold what the caller passed.
        var sql = new StringBuilder("SELECT id, created_at, environment, key_id, caller, integration, action_name, "
                + "arguments_sha256, connection_id, status, error_code FROM executions WHERE environment = ?");
        var params = new ArrayList<Object>();
        params.add(environment);
        ExecutionStore.whereAction(sql, params, filter.action());
        appendCommon(sql, params, filter, "created_at", "key_id");
        params.add(limit);
        return jdbc.query(sql.toString(), AuditStore::execution, params.toArray());
    }

    private List<AuditEntry> operations(String environment, Filter filter, int limit) {
        var sql = new StringBuilder("SELECT * FROM audit_events WHERE environment = ?");
        var params = new ArrayList<Object>();
        params.add(environment);
        if (filter.action() != null) {
            sql.append(" AND operation = ?");
            params.add(filter.action());
        }
        appendCommon(sql, params, filter, "at", "actor");
        params.add(limit);
        return jdbc.query(sql.toString(), AuditStore::operation, params.toArray());
    }

    private static void appendCommon(
            StringBuilder sql, List<Object> params, Filter filter, String atColumn, String actorColumn) {
        if (filter.since() != null) {
            sql.append(" AND ").append(atColumn).append(" >= ?");
            params.add(filter.since());
        }
        if (filter.actor() != null) {
            sql.append(" AND ").append(actorColumn).append(" = ?");
            params.add(filter.actor());
        }
        if (filter.before() != null) {
            sql.append(" AND id < ?");
            params.add(filter.before());
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
    }

    private static AuditEntry execution(ResultSet row) throws SQLException {
        var id = row.getString("id");
        return new AuditEntry(
                id,
                Jdbc.instant(row, "created_at"),
                row.getString("environment"),
                row.getString("key_id"),
                row.getString("caller"),
                row.getString("integration") + "/" + row.getString("action_name"),
                row.getString("arguments_sha256"),
                row.getString("connection_id"),
                ExecutionStatus.valueOf(row.getString("status")).wireName(),
                row.getString("error_code"),
                id);
    }

    private static AuditEntry operation(ResultSet row) throws SQLException {
        return new AuditEntry(
                row.getString("id"),
                Jdbc.instant(row, "at"),
                row.getString("environment"),
                row.getString("actor"),
                row.getString("door"),
                row.getString("operation"),
                null,
                row.getString("target"),
                row.getString("result"),
                null,
                null);
    }
}
