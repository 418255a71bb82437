-- Keys with roles, per environment, stored hashed only. A key is found by the SHA-256 of its secret
-- (secrets are 192 random bits, so a fast hash is enough); nothing can recover a secret from here.

CREATE TABLE keys (
    id            VARCHAR(80)   PRIMARY KEY,
    environment   VARCHAR(64)   NOT NULL REFERENCES environments (name),
    role          VARCHAR(16)   NOT NULL,
    key_hash      VARCHAR(64)   NOT NULL UNIQUE,
    prefix        VARCHAR(16),
    name          VARCHAR(128),
    integrations  VARCHAR(2048),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE,
    revoked_at    TIMESTAMP WITH TIME ZONE,
    last_used_at  TIMESTAMP WITH TIME ZONE
);

CREATE INDEX keys_by_environment ON keys (environment);

-- Each environment's one key becomes its first admin key: existing users keep working.
INSERT INTO keys (id, environment, role, key_hash, name, created_at)
    SELECT 'key_' || name || '_admin', name, 'admin', key_hash, 'migrated environment key', created_at
    FROM environments;

-- The recoverable copy of the key goes: keys live hashed in the keys table only.
ALTER TABLE environments DROP COLUMN key_cipher;
ALTER TABLE environments DROP COLUMN key_hash;

-- Which environment created this one: only its admin keys may delete it. Null for seeded ones.
ALTER TABLE environments ADD COLUMN created_by VARCHAR(64);

-- The key that started an execution: a caller key sees only its own executions.
ALTER TABLE executions ADD COLUMN key_id VARCHAR(80);
