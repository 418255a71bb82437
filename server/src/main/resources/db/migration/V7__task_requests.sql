-- Executions that run as tasks of a client that can answer requests (the MCP tasks extension),
-- with what that client declared it can answer.
CREATE TABLE task_clients (
    execution_id VARCHAR(36) PRIMARY KEY,
    capabilities TEXT        NOT NULL
);

-- What a task's action asked its client (elicitation, sampling, roots), and the answer once
-- tasks/update brought it. The action waits for its answer on whichever node runs it.
CREATE TABLE task_requests (
    execution_id VARCHAR(36)  NOT NULL,
    request_key  VARCHAR(128) NOT NULL,
    method       VARCHAR(64)  NOT NULL,
    params       TEXT         NOT NULL,
    answer       TEXT,
    asked_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    answered_at  TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (execution_id, request_key)
);
