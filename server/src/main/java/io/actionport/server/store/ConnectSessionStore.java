package io.actionport.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Connect sessions: a link's token and the OAuth {@code state} are kept as digests only, the PKCE
 * verifier encrypted; a state is claimed at most once, atomically, so a replayed callback finds it used.
 */
public final class ConnectSessionStore {

    /**
     * One connect session.
     *
     * @param environment the environment the connection is made in
     * @param integration the integration to connect
     * @param endUser who will own the connection
     * @param expiresAt after this, neither the link nor its callback is honoured
     */
    public record ConnectSession(String environment, String integration, String endUser, Instant expiresAt) {
        public ConnectSession {
            Objects.requireNonNull(environment, "environment");
            Objects.requireNonNull(integration, "integration");
            Objects.requireNonNull(endUser, "endUser");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /** What claiming a callback's state found. */
    public sealed interface Claim {
        /** No session ever handed out this state. */
        record Unknown() implements Claim {}

        /** The state was claimed before: a replayed or doubled callback. */
        record AlreadyUsed(ConnectSession session) implements Claim {}

        /** The state is now used; the verifier to send with the code. */
        record Claimed(ConnectSession session, String verifier) implements Claim {
            @Override
            public String toString() {
                return "Claimed[" + session + "]";
            }
        }
    }

    private final Jdbc jdbc;
    private final SecretCipher cipher;

    public ConnectSessionStore(Database database, SecretCipher cipher) {
        this.jdbc = new Jdbc(database.dataSource());
        this.cipher = cipher;
    }

    public void create(String tokenHash, ConnectSession session, Instant now) {
        jdbc.update(
                "INSERT INTO connect_sessions (token_hash, environment, integration, end_user, expires_at, "
                        + "state_used, created_at) VALUES (?, ?, ?, ?, ?, FALSE, ?)",
                tokenHash,
                session.environment(),
                session.integration(),
                session.endUser(),
                session.expiresAt(),
                now);
    }

    /** The session of a link, unless its flow already completed. */
    public Optional<ConnectSession> findOpen(String tokenHash) {
        return jdbc.queryOne(
                "SELECT * FROM connect_sessions WHERE token_hash = ? AND state_used = FALSE",
                ConnectSessionStore::session,
                tokenHash);
    }

    /**
     * Binds a new state and verifier to an open session, replacing any earlier pair (the link was
     * opened again); false when the session completed meanwhile.
     */
    public boolean bindState(String tokenHash, String stateHash, String verifier) {
        return jdbc.update(
                        "UPDATE connect_sessions SET state_hash = ?, verifier_cipher = ? "
                                + "WHERE token_hash = ? AND state_used = FALSE",
                        stateHash,
                        cipher.encrypt(verifier),
                        tokenHash)
                > 0;
    }

    /** Marks a state used, once: only the first claim of a state gets its verifier. */
    public Claim claimState(String stateHash) {
        return jdbc.inTransaction(connection -> {
            var rows = Jdbc.query(
                    connection,
                    "SELECT * FROM connect_sessions WHERE state_hash = ?",
                    row -> new Object[] {session(row), row.getBoolean("state_used"), row.getString("verifier_cipher")},
                    stateHash);
            if (rows.isEmpty()) {
                return new Claim.Unknown();
            }
            var session = (ConnectSession) rows.getFirst()[0];
            int claimed = Jdbc.update(
                    connection,
                    "UPDATE connect_sessions SET state_used = TRUE WHERE state_hash = ? AND state_used = FALSE",
                    stateHash);
            if (claimed == 0) {
                return new Claim.AlreadyUsed(session);
            }
            return new Claim.Claimed(session, cipher.decrypt((String) rows.getFirst()[2]));
        });
    }

    /** Forgets sessions that expired before {@code cutoff}. */
    public int deleteExpired(Instant cutoff) {
        return jdbc.update("DELETE FROM connect_sessions WHERE expires_at < ?", cutoff);
    }

    private static ConnectSession session(ResultSet row) throws SQLException {
        return new ConnectSession(
                row.getString("environment"),
                row.getString("integration"),
                row.getString("end_user"),
                Jdbc.instant(row, "expires_at"));
    }
}
