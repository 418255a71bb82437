-- One schema for H2 and PostgreSQL; ${blob} is the only vendor-specific type (BLOB or BYTEA).

CREATE TABLE environments (
    name        VARCHAR(64)  PRIMARY KEY,
    key_hash    VARCHAR(64)  NOT NULL UNIQUE,
    key_cipher  VARCHAR(512) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE integrations (
    environment  VARCHAR(64)  NOT NULL REFERENCES environments (name),
    integration_key VARCHAR(64) NOT NULL,
    base_url     VARCHAR(2048) NOT NULL,
    auth_scheme  VARCHAR(32)  NOT NULL,
    auth_name    VARCHAR(256),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (environment, integration_key)
);

CREATE TABLE connections (
    environment         VARCHAR(64)  NOT NULL,
    integration         VARCHAR(64)  NOT NULL,
    connection_id       VARCHAR(256) NOT NULL,
    credentials_cipher  VARCHAR(8192) NOT NULL,
    metadata            VARCHAR(8192) NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (environment, integration, connection_id),
    FOREIGN KEY (environment, integration) REFERENCES integrations (environment, integration_key)
);

CREATE TABLE bundles (
    sha256      VARCHAR(64)  PRIMARY KEY,
    name        VARCHAR(128) NOT NULL,
    version     VARCHAR(64)  NOT NULL,
    jar         ${blob}      NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Every deploy of a bundle to an environment is a new version; the newest active one is live.
CREATE TABLE deployments (
    id            BIGINT       PRIMARY KEY,
    environment   VARCHAR(64)  NOT NULL REFERENCES environments (name),
    bundle_name   VARCHAR(128) NOT NULL,
    version       INTEGER      NOT NULL,
    bundle_sha256 VARCHAR(64)  NOT NULL REFERENCES bundles (sha256),
    actions       VARCHAR(8192) NOT NULL,
    active        BOOLEAN      NOT NULL,
    deployed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    UNIQUE (environment, bundle_name, version)
);

CREATE TABLE executions (
    id              VARCHAR(36)  PRIMARY KEY,
    environment     VARCHAR(64)  NOT NULL,
    integration     VARCHAR(64)  NOT NULL,
    action_name     VARCHAR(64)  NOT NULL,
    action_version  VARCHAR(64)  NOT NULL,
    connection_id   VARCHAR(256) NOT NULL,
    caller          VARCHAR(16)  NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    attempts        INTEGER      NOT NULL,
    input           TEXT         NOT NULL,
    output          TEXT,
    error_code      VARCHAR(64),
    error_message   VARCHAR(4096),
    error_details   TEXT,
    idempotency_key VARCHAR(256),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE,
    finished_at     TIMESTAMP WITH TIME ZONE
);

CREATE INDEX executions_by_environment ON executions (environment, created_at);

CREATE TABLE execution_logs (
    execution_id  VARCHAR(36)   NOT NULL REFERENCES executions (id),
    seq           INTEGER       NOT NULL,
    logged_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    level         VARCHAR(8)    NOT NULL,
    message       VARCHAR(8192) NOT NULL,
    PRIMARY KEY (execution_id, seq)
);
