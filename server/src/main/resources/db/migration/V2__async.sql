-- The durable queue: db-scheduler's own table, in its generic form.
CREATE TABLE scheduled_tasks (
    task_name            VARCHAR(100) NOT NULL,
    task_instance        VARCHAR(100) NOT NULL,
    task_data            ${blob},
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN      NOT NULL,
    picked_by            VARCHAR(50),
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INTEGER,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT       NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);

CREATE INDEX scheduled_tasks_execution_time ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat ON scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_time ON scheduled_tasks (priority, execution_time);

ALTER TABLE executions ADD COLUMN max_attempts INTEGER DEFAULT 1 NOT NULL;

CREATE INDEX executions_by_status ON executions (status);

-- An Idempotency-Key names one execution per environment; the hash tells a replay from a conflict.
CREATE TABLE idempotency_keys (
    environment     VARCHAR(64)  NOT NULL,
    idempotency_key VARCHAR(256) NOT NULL,
    request_hash    VARCHAR(64)  NOT NULL,
    execution_id    VARCHAR(36)  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (environment, idempotency_key)
);

CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);

CREATE TABLE webhooks (
    environment   VARCHAR(64)   PRIMARY KEY REFERENCES environments (name),
    url           VARCHAR(2048) NOT NULL,
    secret_cipher VARCHAR(512)  NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE webhook_deliveries (
    message_id    VARCHAR(64)  NOT NULL,
    attempt       INTEGER      NOT NULL,
    execution_id  VARCHAR(36)  NOT NULL,
    url           VARCHAR(2048) NOT NULL,
    status_code   INTEGER,
    error         VARCHAR(1024),
    attempted_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (message_id, attempt)
);
