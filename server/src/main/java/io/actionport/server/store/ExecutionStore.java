package io.actionport.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Execution records and their log lines. */
public final class ExecutionStore {

    private static final Logger log = LoggerFactory.getLogger(ExecutionStore.class);

    private final Database database;
    /** Reads, and writes that need not survive a crash on their own (or are followed by {@link #makeDurable}). */
    private final Jdbc jdbc;
    /** Writes that must survive a crash once they return; see {@link #durable()}. */
    private final Jdbc durableJdbc;

    /** Synchronous calls' records, by whether they must be on disk before their answer; see {@link Database#recordsDataSource}. */
    private final Jdbc recordsJdbc;

    private final Jdbc durableRecordsJdbc;

    /** Synchronous calls' records waiting to be written together; see {@link #insertFinished}. */
    private final GroupCommit<FinishedCall> finishedCalls = new GroupCommit<>(this::insertTogether);

    /** The records no caller waits for, written in batches after their answer; see {@link #insertFinished}. */
    private final DeferredWrites<FinishedCall> unnamedRecords =
            new DeferredWrites<>("execution-records", this::insertDeferred);

    public ExecutionStore(Database database) {
        this.database = database;
        this.jdbc = new Jdbc(database.queueDataSource());
        this.durableJdbc = new Jdbc(database.durableDataSource());
        this.recordsJdbc = new Jdbc(database.recordsDataSource(false));
        this.durableRecordsJdbc = new Jdbc(database.recordsDataSource(true));
    }

    /**
     * Makes what this thread committed so far survive a killed process, the queue's own writes
     * (schedules) included; see {@link Database#makeDurable()}.
     */
    public void makeDurable() {
        database.makeDurable();
    }

    /**
     * Makes what this thread wrote through this store's durable writes ({@link #insertHeld}) survive
     * a killed process: nothing more to do where their commits wait for the disk (PostgreSQL), a
     * shared flush on H2.
     */
    public void makeHeldDurable() {
        durable();
    }

    /**
     * After a write through {@link #durableJdbc}: on PostgreSQL its commit waited for the WAL flush
     * (which PostgreSQL shares among concurrent commits), so there is nothing left to do; on H2 the
     * commit reaches the disk with the next {@link Database#makeDurable() shared flush}.
     */
    private void durable() {
        if (!database.commitsAreDurable()) {
            database.makeDurable();
        }
    }

    /** How many durable flushes the store ran; see {@link Database#flushes()}. */
    public long flushes() {
        return database.flushes();
    }

    /** Stores a new execution, as it is when accepted; {@link #makeDurable()} before acknowledging it. */
    public void insert(ExecutionRecord record) {
        jdbc.inTransaction(connection -> {
            insert(connection, record);
            return null;
        });
    }

    /**
     * Stores a new execution with its task on the queue already held by {@code held}'s node, in one
     * transaction: the node runs it itself, at once, and the queue takes it over only if that node
     * stops proving it is alive ({@link #heartbeat}). A record already {@link ExecutionRecord#claimed
     * claimed} (running) is stored as claimed by that node, so its first attempt needs no claim of its
     * own. {@link #makeHeldDurable()} before acknowledging it.
     *
     * @param taskData the task's data as the queue serializes it
     */
    public void insertHeld(ExecutionRecord record, HeldTask held, byte[] taskData, Instant at) {
        var node = record.status() == ExecutionStatus.RUNNING ? held.node() : null;
        Object[] taskParams = {held.task(), record.id(), taskData, at, held.node(), at};
        if (database.isPostgres()) {
            // One statement, one round trip: PostgreSQL applies a statement's WITH writes with it, atomically.
            durableJdbc.update(
                    "WITH task AS (" + INSERT_HELD_TASK + ") " + INSERT_EXECUTION,
                    concat(taskParams, insertParams(record, node)));
            return;
        }
        durableJdbc.inTransaction(connection -> {
            Jdbc.update(connection, INSERT_EXECUTION, insertParams(record, node));
            Jdbc.update(connection, INSERT_HELD_TASK, taskParams);
            return null;
        });
    }

    private static final String INSERT_HELD_TASK =
            "INSERT INTO scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, "
                    + "picked_by, last_heartbeat, version) VALUES (?, ?, ?, ?, TRUE, ?, ?, 1)";

    /** Proves that {@code held}'s node still runs these executions, so the queue does not take them over. */
    public void heartbeat(java.util.Collection<String> ids, HeldTask held, Instant at) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.inTransaction(connection -> {
            try (var statement = connection.prepareStatement("UPDATE scheduled_tasks SET last_heartbeat = ? "
                    + "WHERE task_name = ? AND task_instance = ? AND picked_by = ? AND version = 1")) {
                for (var id : ids) {
                    Jdbc.bind(statement, 1, at);
                    Jdbc.bind(statement, 2, held.task());
                    Jdbc.bind(statement, 3, id);
                    Jdbc.bind(statement, 4, held.node());
                    statement.addBatch();
                }
                statement.executeBatch();
            }
            return null;
        });
    }

    /**
     * Makes every execution another node held on the queue look dead at once, by dating its last
     * heartbeat {@code longAgo}: for a store this process holds alone (the embedded one), where no
     * other node can be alive. The queue's first check then takes them over, instead of after the
     * missed heartbeats. Returns how many there were.
     */
    public int expireOtherNodes(String node, Instant longAgo) {
        return jdbc.update(
                "UPDATE scheduled_tasks SET last_heartbeat = ? WHERE picked = TRUE AND picked_by <> ?", longAgo, node);
    }

    /** Removes a held execution's task from the queue: it needs no more runs. */
    public void release(String id, HeldTask held) {
        jdbc.inTransaction(connection -> {
            release(connection, id, held);
            return null;
        });
    }

    private static void release(java.sql.Connection connection, String id, HeldTask held) throws SQLException {
        Jdbc.update(connection, RELEASE_TASK, held.task(), id, held.node());
    }

    private static final String RELEASE_TASK =
            "DELETE FROM scheduled_tasks WHERE task_name = ? AND task_instance = ? AND picked_by = ? AND version = 1";

    /** Gives a held execution's task to the queue, to run at {@code runAt} on whichever node picks it. */
    public void handToQueue(String id, HeldTask held, Instant runAt) {
        jdbc.update(
                "UPDATE scheduled_tasks SET picked = FALSE, picked_by = NULL, last_heartbeat = NULL, "
                        + "execution_time = ?, version = version + 1 "
                        + "WHERE task_name = ? AND task_instance = ? AND picked_by = ? AND version = 1",
                runAt,
                held.task(),
                id,
                held.node());
    }

    /**
     * Stores an execution that ran and ended in one go (a synchronous call), with its logs. The
     * records of calls that end while others are being written wait and are written together, in
     * one transaction and one flush ({@link GroupCommit}). Retried when the store fails.
     *
     * @param durable whether the record must be on disk when this returns (its caller is about to
     *     be told its id); otherwise it is handed to a writer that writes such records in batches,
     *     and reaches the disk with the next flush or the store's own background write. Either way
     *     this store's reads by environment (and {@link #count}) see it once this returns.
     */
    public void insertFinished(ExecutionRecord record, List<LogLine> logs, boolean durable) {
        var call = new FinishedCall(record, logs, durable);
        if (!durable) {
            unnamedRecords.submit(call);
            return;
        }
        finishedCalls.submit(call);
        if (call.failure != null) {
            // Retried on this caller's thread: a failing record holds up no other call's.
            StoreRetry.write("storing execution " + record.id(), () -> {
                insertAlone(call);
                return null;
            });
            if (durable) {
                durable();
            }
        }
    }

    /** A synchronous call's record on its way to the store, and whether it failed to get there. */
    private static final class FinishedCall {
        final ExecutionRecord record;
        final List<LogLine> logs;
        final boolean durable;
        StoreException failure;

        FinishedCall(ExecutionRecord record, List<LogLine> logs, boolean durable) {
            this.record = record;
            this.logs = logs;
            this.durable = durable;
        }
    }

    /**
     * Writes the records of calls that ended together: one transaction for all, then one durable
     * flush if any of them must be on disk. When that transaction fails, each is tried once on its
     * own, so that one bad record fails its own call alone; the calls whose record failed retry it
     * themselves.
     */
    private void insertTogether(List<FinishedCall> calls) {
        boolean durable = calls.stream().anyMatch(call -> call.durable);
        var store = durable ? durableRecordsJdbc : recordsJdbc;
        if (calls.size() > 1) {
            try {
                store.inTransaction(connection -> {
                    insertAll(connection, calls);
                    return null;
                });
                if (durable) {
                    durable();
                }
                return;
            } catch (StoreException e) {
                // Tried one by one below.
            }
        }
        for (var call : calls) {
            try {
                insertAlone(call);
            } catch (StoreException e) {
                call.failure = e;
            }
        }
        if (durable) {
            durable();
        }
    }

    /** Writes a batch of records nobody waits for; one that still fails after retries is logged and lost. */
    private void insertDeferred(List<FinishedCall> calls) {
        insertTogether(calls);
        for (var call : calls) {
            if (call.failure == null) {
                continue;
            }
            try {
                StoreRetry.write("storing execution " + call.record.id(), () -> {
                    insertAlone(call);
                    return null;
                });
            } catch (StoreException e) {
                log.error(
                        "the record of execution {} ({}, answered) could not be stored: {}",
                        call.record.id(),
                        call.record.actionName(),
                        e.getMessage());
            }
        }
    }

    /**
     * Writes the records still waiting for the writer, then stops it; records of calls that end
     * later are written by their callers. For shutdown, before the database closes.
     */
    public void close() {
        unnamedRecords.close();
    }

    private static void insertAll(java.sql.Connection connection, List<FinishedCall> calls) throws SQLException {
        try (var statement = connection.prepareStatement(INSERT_EXECUTION)) {
            for (var call : calls) {
                Jdbc.bindAll(statement, insertParams(call.record, null));
                statement.addBatch();
            }
            statement.executeBatch();
        }
        for (var call : calls) {
            appendLogs(connection, call.record.id(), call.logs);
        }
    }

    private void insertAlone(FinishedCall call) {
        var store = call.durable ? durableRecordsJdbc : recordsJdbc;
        if (call.logs.isEmpty()) {
            // One statement commits on its own: no transaction to open and close around it.
            store.update(INSERT_EXECUTION, insertParams(call.record, null));
        } else {
            store.inTransaction(connection -> {
                insert(connection, call.record);
                appendLogs(connection, call.record.id(), call.logs);
                return null;
            });
        }
    }

    /**
     * Records how an execution ended, with its log lines, in one transaction, durably; retried when
     * the store fails. An execution that is already final (cancelled meanwhile) keeps its status;
     * then nothing is written and false returned.
     */
    public boolean finish(
            String id,
            ExecutionStatus status,
            String output,
            String errorCode,
            String errorMessage,
            String errorDetails,
            Instant finishedAt,
            List<LogLine> logs) {
        return finish(id, status, output, errorCode, errorMessage, errorDetails, finishedAt, logs, null);
    }

    /**
     * {@link #finish(String, ExecutionStatus, String, String, String, String, Instant, List) Finishes}
     * an execution and, in the same transaction, {@link #release releases} its task when {@code held}
     * is not null: whether or not the execution was still running, it needs no more runs.
     */
    public boolean finish(
            String id,
            ExecutionStatus status,
            String output,
            String errorCode,
            String errorMessage,
            String errorDetails,
            Instant finishedAt,
            List<LogLine> logs,
            HeldTask held) {
        Object[] endParams = {
            status.name(),
            output,
            ContentCaps.code(errorCode),
            ContentCaps.cut(errorMessage, ContentCaps.ERROR_MESSAGE_CHARS),
            errorDetails,
            finishedAt,
            id
        };
        boolean finished;
        if (held != null && logs.isEmpty() && database.isPostgres()) {
            // One statement, one round trip; whether or not it was still running, its task goes.
            finished = StoreRetry.write(
                    "finishing execution " + id,
                    () -> durableJdbc.update(
                                    "WITH released AS (" + RELEASE_TASK + ") " + END_EXECUTION,
                                    concat(new Object[] {held.task(), id, held.node()}, endParams))
                            > 0);
        } else {
            finished = StoreRetry.write(
                    "finishing execution " + id,
                    () -> durableJdbc.inTransaction(connection -> {
                        if (held != null) {
                            release(connection, id, held);
                        }
                        if (Jdbc.update(connection, END_EXECUTION, endParams) == 0) {
                            return false;
                        }
                        appendLogs(connection, id, logs);
                        return true;
                    }));
        }
        if (finished) {
            durable();
        }
        return finished;
    }

    private static final String END_EXECUTION =
            "UPDATE executions SET status = ?, output = ?, error_code = ?, error_message = ?, error_details = ?, "
                    + "finished_at = ? WHERE id = ? AND status IN ('QUEUED', 'RUNNING')";

    /**
     * Claims an attempt of an execution for {@code node}: running, the attempt's number. When
     * {@code beforeASideEffect} (a non-idempotent action), durably, so that after a crash the
     * execution is known to have started; an idempotent action's claim reaches the disk with the
     * next flush, and one lost in a crash only means the attempt runs again uncounted. False when
     * it is no longer queued or running (cancelled, finished).
     */
    public boolean claim(String id, int attempt, String node, Instant at, boolean beforeASideEffect) {
        boolean claimed = (beforeASideEffect ? durableJdbc : jdbc)
                        .update(
                                "UPDATE executions SET status = 'RUNNING', attempts = ?, node = ?, "
                                        + "started_at = COALESCE(started_at, ?) WHERE id = ? AND status IN ('QUEUED', 'RUNNING')",
                                attempt,
                                node,
                                at,
                                id)
                > 0;
        if (claimed && beforeASideEffect) {
            durable();
        }
        return claimed;
    }

    /**
     * Gives a running execution back to the queue without counting its attempt, when its node
     * stops before it could finish; false when it was no longer running.
     */
    public boolean handBack(String id, String message) {
        boolean handedBack = durableJdbc.update(
                        "UPDATE executions SET status = 'QUEUED', attempts = attempts - 1, node = NULL, "
                                + "error_code = 'handed_back', error_message = ? WHERE id = ? AND status = 'RUNNING'",
                        ContentCaps.cut(message, ContentCaps.ERROR_MESSAGE_CHARS),
                        id)
                > 0;
        if (handedBack) {
            durable();
        }
        return handedBack;
    }

    /**
     * Queued or running executions accepted before {@code acceptedBefore} that have no task on the
     * queue: orphans of a crash between storing an execution and scheduling it.
     */
    public List<ExecutionRecord> unscheduled(String task, Instant acceptedBefore, int limit) {
        return jdbc.query(
                "SELECT * FROM executions e WHERE e.status IN ('QUEUED', 'RUNNING') AND e.created_at < ? "
                        + "AND NOT EXISTS (SELECT 1 FROM scheduled_tasks t WHERE t.task_name = ? AND t.task_instance = e.id) "
                        + "ORDER BY e.id LIMIT ?",
                ExecutionStore::record,
                acceptedBefore,
                task,
                limit);
    }

    /** Puts a failed attempt's execution back in the queue, keeping the attempt's error and logs. */
    public void requeue(String id, String errorCode, String errorMessage, List<LogLine> logs) {
        jdbc.inTransaction(connection -> {
            Jdbc.update(
                    connection,
                    "UPDATE executions SET status = 'QUEUED', node = NULL, error_code = ?, error_message = ? "
                            + "WHERE id = ? AND status = 'RUNNING'",
                    ContentCaps.code(errorCode),
                    ContentCaps.cut(errorMessage, ContentCaps.ERROR_MESSAGE_CHARS),
                    id);
            appendLogs(connection, id, logs);
            return null;
        });
    }

    /** Cancels a queued or running execution of the environment; false when it was not cancellable. */
    public boolean cancel(String environment, String id, Instant at) {
        boolean cancelled = durableJdbc.update(
                        "UPDATE executions SET status = 'CANCELLED', error_code = 'cancelled', "
                                + "error_message = 'cancelled by request', finished_at = ? "
                                + "WHERE id = ? AND environment = ? AND status IN ('QUEUED', 'RUNNING')",
                        at,
                        id,
                        environment)
                > 0;
        if (cancelled) {
            // The caller is told it is cancelled: a restart must not run it.
            durable();
        }
        return cancelled;
    }

    /** How many executions have this status, across environments: the queue depth for QUEUED. */
    public long count(ExecutionStatus status) {
        unnamedRecords.awaitWritten();
        return jdbc.queryOne("SELECT COUNT(*) FROM executions WHERE status = ?", row -> row.getLong(1), status.name())
                .orElse(0L);
    }

    /**
     * Any execution by id, whatever its environment: for the queue's workers only, whose executions
     * are never among the records written after their answer, so it does not wait for those.
     */
    public Optional<ExecutionRecord> find(String id) {
        return jdbc.queryOne("SELECT * FROM executions WHERE id = ?", ExecutionStore::record, id);
    }

    private static void insert(java.sql.Connection connection, ExecutionRecord record) throws SQLException {
        Jdbc.update(connection, INSERT_EXECUTION, insertParams(record, null));
    }

    private static final String INSERT_EXECUTION =
            "INSERT INTO executions (id, environment, integration, action_name, action_version, connection_id, "
                    + "caller, status, attempts, max_attempts, input, output, error_code, error_message, "
                    + "error_details, created_at, started_at, finished_at, key_id, arguments_sha256, end_user, node) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** The parameters of {@link #INSERT_EXECUTION}; {@code node} claimed its running attempt, or is null. */
    private static Object[] insertParams(ExecutionRecord record, String node) {
        return new Object[] {
            record.id(),
            record.environment(),
            record.integration(),
            record.actionName(),
            record.actionVersion(),
            record.connectionId(),
            record.caller(),
            record.status().name(),
            record.attempts(),
            record.maxAttempts(),
            record.input(),
            record.output(),
            ContentCaps.code(record.errorCode()),
            ContentCaps.cut(record.errorMessage(), ContentCaps.ERROR_MESSAGE_CHARS),
            record.errorDetails(),
            record.createdAt(),
            record.startedAt(),
            record.finishedAt(),
            record.keyId(),
            record.argumentsSha256(),
            record.endUser(),
            node
        };
    }

    private static Object[] concat(Object[] first, Object[] second) {
        var both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static void appendLogs(java.sql.Connection connection, String id, List<LogLine> logs)
            throws java.sql.SQLException {
        if (logs.isEmpty()) {
            return;
        }
        int first = Jdbc.query(
                        connection,
                        "SELECT COALESCE(MAX(seq) + 1, 0) FROM execution_logs WHERE execution_id = ?",
                        row -> row.getInt(1),
                        id)
                .getFirst();
        try (var statement = connection.prepareStatement(
                "INSERT INTO execution_logs (execution_id, seq, logged_at, level, message, fields) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < logs.size(); i++) {
                var line = ContentCaps.line(logs.get(i));
                Jdbc.bind(statement, 1, id);
                Jdbc.bind(statement, 2, first + i);
                Jdbc.bind(statement, 3, line.at());
                Jdbc.bind(statement, 4, line.level());
                Jdbc.bind(statement, 5, line.message());
                Jdbc.bind(statement, 6, line.fields().isEmpty() ? null : Json.write(line.fields()));
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** An execution of the given environment; another environment's is not found. */
    public Optional<ExecutionRecord> find(String environment, String id) {
        unnamedRecords.awaitWritten();
        return jdbc.queryOne(
                "SELECT * FROM executions WHERE id = ? AND environment = ?", ExecutionStore::record, id, environment);
    }

    /**
     * Which executions to list; null fields do not filter.
     *
     * @param action {@code integration/name} or a bare name
     * @param status the status
     * @param connectionId the connection
     * @param since only executions created at or after this
     * @param before only executions whose id sorts before this one (the page cursor)
     * @param keyId only executions started by this key
     */
    public record Filter(
            String action, ExecutionStatus status, String connectionId, Instant since, String before, String keyId) {
        public static final Filter ALL = new Filter(null, null, null, null, null, null);
    }

    /**
     * Narrows a query of executions to an action: {@code integration/name}, or a bare name in any
     * integration; nothing when {@code action} is null.
     */
    static void whereAction(StringBuilder sql, List<Object> params, String action) {
        if (action == null) {
            return;
        }
        var slash = action.indexOf('/');
        if (slash > 0) {
            sql.append(" AND integration = ? AND action_name = ?");
            params.add(action.substring(0, slash));
            params.add(action.substring(slash + 1));
        } else {
            sql.append(" AND action_name = ?");
            params.add(action);
        }
    }

    /**
     * Newest first. A page of all of an environment's executions, or of one key's, is ordered as the
     * index executions_newest: H2 then reads that index in order and stops at the page's end, where
     * {@code ORDER BY id DESC} made it sort the whole environment first. Another condition (a
     * status, an action...) may match few rows, which its own index finds faster than a scan in
     * order would: such a page keeps the plain order and H2's choice of index.
     */
    static String newestFirst(Filter filter) {
        boolean onlyKey = filter.action() == null
                && filter.status() == null
                && filter.connectionId() == null
                && filter.since() == null;
        return onlyKey ? " ORDER BY environment, id DESC" : " ORDER BY id DESC";
    }

    /** A page of an environment's executions matching {@code filter}, newest first. */
    public List<ExecutionRecord> search(String environment, Filter filter, int limit) {
        unnamedRecords.awaitWritten();
        var sql = new StringBuilder("SELECT * FROM executions WHERE environment = ?");
        var params = new java.util.ArrayList<Object>();
        params.add(environment);
        whereAction(sql, params, filter.action());
        if (filter.status() != null) {
            sql.append(" AND status = ?");
            params.add(filter.status().name());
        }
        if (filter.connectionId() != null) {
            sql.append(" AND connection_id = ?");
            params.add(filter.connectionId());
        }
        if (filter.since() != null) {
            sql.append(" AND created_at >= ?");
            params.add(filter.since());
        }
        if (filter.keyId() != null) {
            sql.append(" AND key_id = ?");
            params.add(filter.keyId());
        }
        if (filter.before() != null) {
            // Ids are time-ordered (UUID version 7), so they page like creation times.
            sql.append(" AND id < ?");
            params.add(filter.before());
        }
        sql.append(newestFirst(filter)).append(" LIMIT ?");
        params.add(limit);
        return jdbc.query(sql.toString(), ExecutionStore::record, params.toArray());
    }

    /**
     * The ids of an environment's executions that start with {@code prefix}, newest first, for
     * completing an execution id.
     *
     * @param keyId only executions started by this key, or null for all
     */
    public List<String> idsStartingWith(String environment, String keyId, String prefix, int limit) {
        // Ids hold only hex digits and dashes: anything else matches none, and no LIKE wildcard gets through.
        if (!prefix.matches("[0-9a-fA-F-]*")) {
            return List.of();
        }
        unnamedRecords.awaitWritten();
        var sql = "SELECT id FROM executions WHERE environment = ? AND id LIKE ?"
                + (keyId == null ? "" : " AND key_id = ?") + " ORDER BY id DESC LIMIT ?";
        var like = prefix.toLowerCase(java.util.Locale.ROOT) + "%";
        return keyId == null
                ? jdbc.query(sql, row -> row.getString(1), environment, like, limit)
                : jdbc.query(sql, row -> row.getString(1), environment, like, keyId, limit);
    }

    /** The newest executions of an environment, newest first. */
    public List<ExecutionRecord> recent(String environment, int limit) {
        return search(environment, Filter.ALL, limit);
    }

    /** Log lines after {@code afterSeq} (-1 for all), for following a running execution. */
    public List<LogLine> logsAfter(String id, int afterSeq) {
        unnamedRecords.awaitWritten();
        return jdbc.query(
                "SELECT logged_at, level, message, fields FROM execution_logs WHERE execution_id = ? AND seq > ? ORDER BY seq",
                ExecutionStore::logLine,
                id,
                afterSeq);
    }

    public List<LogLine> logs(String id) {
        unnamedRecords.awaitWritten();
        return jdbc.query(
                "SELECT logged_at, level, message, fields FROM execution_logs WHERE execution_id = ? ORDER BY seq",
                ExecutionStore::logLine,
                id);
    }

    private static LogLine logLine(ResultSet row) throws SQLException {
        var fields = row.getString("fields");
        return new LogLine(
                Jdbc.instant(row, "logged_at"),
                row.getString("level"),
                row.getString("message"),
                fields == null ? Map.of() : Json.readStringMap(fields));
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
                row.getInt("max_attempts"),
                row.getString("input"),
                row.getString("output"),
                row.getString("error_code"),
                row.getString("error_message"),
                row.getString("error_details"),
                Jdbc.instant(row, "created_at"),
                Jdbc.instant(row, "started_at"),
                Jdbc.instant(row, "finished_at"),
                row.getString("key_id"),
                row.getString("arguments_sha256"),
                row.getString("end_user"));
    }
}
