-- Per-user connections: a connection may belong to one end user of the environment.
ALTER TABLE connections ADD COLUMN end_user VARCHAR(256);
CREATE INDEX connections_by_end_user ON connections (environment, integration, end_user);

-- The end user an execution acted for, so a queued run uses the connection it was admitted with.
ALTER TABLE executions ADD COLUMN end_user VARCHAR(256);

-- The authorization-code flow of an oauth2 integration: where users authorize, what is asked, where tokens are revoked.
ALTER TABLE integrations ADD COLUMN authorization_url VARCHAR(2048);
ALTER TABLE integrations ADD COLUMN scopes VARCHAR(2048);
ALTER TABLE integrations ADD COLUMN revocation_url VARCHAR(2048);

-- Short-lived connect sessions; the link's token and the OAuth state are kept only as SHA-256 digests.
CREATE TABLE connect_sessions (
    token_hash       VARCHAR(64)  PRIMARY KEY,
    environment      VARCHAR(64)  NOT NULL,
    integration      VARCHAR(64)  NOT NULL,
    end_user         VARCHAR(256) NOT NULL,
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    state_hash       VARCHAR(64)  UNIQUE,
    verifier_cipher  VARCHAR(512),
    state_used       BOOLEAN      NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX connect_sessions_by_expiry ON connect_sessions (expires_at);
