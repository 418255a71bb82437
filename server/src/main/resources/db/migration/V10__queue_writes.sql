-- One row per server process: on PostgreSQL a group commit ends with a synchronous update of its
-- row, which flushes the write-ahead log of the queue's asynchronous commits before it.
CREATE TABLE flush_marks (
    node VARCHAR(64) PRIMARY KEY,
    flushes BIGINT NOT NULL
);

-- The queue does not use db-scheduler's priorities: this index only cost every schedule a write.
DROP INDEX scheduled_tasks_priority_time;
