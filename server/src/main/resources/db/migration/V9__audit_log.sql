-- The audit log. An execution is its own entry (who: key_id, door: caller, result: status and
-- error_code), so a call writes nothing more than the record the runner already writes durably:
-- only the SHA-256 of its canonical arguments is added, never shown with the arguments.
ALTER TABLE executions ADD COLUMN arguments_sha256 VARCHAR(64);

-- The admin operations that change an environment: who, what (names only, never a secret), when.
CREATE TABLE audit_events (
    id           VARCHAR(36)  PRIMARY KEY,
    environment  VARCHAR(64)  NOT NULL,
    at           TIMESTAMP WITH TIME ZONE NOT NULL,
    actor        VARCHAR(80),
    door         VARCHAR(16)  NOT NULL,
    operation    VARCHAR(64)  NOT NULL,
    target       VARCHAR(512),
    result       VARCHAR(64)  NOT NULL
);

CREATE INDEX audit_events_by_environment ON audit_events (environment, id);
