-- OAuth2 integrations: where to refresh tokens and as which client; the secret is encrypted.
ALTER TABLE integrations ADD COLUMN token_url VARCHAR(2048);
ALTER TABLE integrations ADD COLUMN client_id VARCHAR(512);
ALTER TABLE integrations ADD COLUMN client_secret_cipher VARCHAR(2048);

-- OAuth2 access and refresh tokens (JWTs among them) outgrow the old size once encrypted.
ALTER TABLE connections ALTER COLUMN credentials_cipher SET DATA TYPE VARCHAR(32768);
