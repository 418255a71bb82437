package io.actionport.server.connection;

import io.actionport.server.store.Connection;
import io.actionport.server.store.Integration;
import java.util.List;

/**
 * Decides which connection a call may use. A connection an end user owns serves only calls made
 * for that user; a shared one (no owner) serves any caller of the environment. Every door reaches
 * this through {@link ConnectionResolver}, so a connection the caller may not use looks exactly
 * like one that does not exist.
 */
public final class ConnectionAccess {

    private ConnectionAccess() {}

    /** What a call that names no connection gets. */
    public sealed interface Choice {
        /** The connection to use. */
        record Use(Connection connection) implements Choice {}

        /** The end user has no connection, and the integration offers connect links. */
        record ConnectFirst(String endUser) implements Choice {}

        /** No single connection fits; {@code candidates} are the ones the caller may name. */
        record NameOne(List<String> candidates) implements Choice {}
    }

    /**
     * Whether a call for {@code endUser} (null when the caller acts for no end user) may use
     * {@code connection} when it names it.
     */
    public static boolean mayUse(String endUser, Connection connection) {
        return !connection.isOwned() || connection.endUser().equals(endUser);
    }

    /**
     * The connection of a call that names none: the end user's own one; when they have none, a
     * connect link if the integration offers them, else the integration's only shared connection,
     * as for callers without an end user. Another user's connection is never a candidate.
     */
    public static Choice implicit(String endUser, Integration integration, List<Connection> connections) {
        if (endUser != null) {
            var own = connections.stream()
                    .filter(connection -> endUser.equals(connection.endUser()))
                    .toList();
            if (own.size() == 1) {
                return new Choice.Use(own.getFirst());
            }
            if (own.size() > 1) {
                return new Choice.NameOne(ids(own));
            }
            if (integration.oauth2() != null && integration.oauth2().offersConnectLinks()) {
                return new Choice.ConnectFirst(endUser);
            }
        }
        var shared = connections.stream().filter(c -> !c.isOwned()).toList();
        return shared.size() == 1 ? new Choice.Use(shared.getFirst()) : new Choice.NameOne(ids(shared));
    }

    private static List<String> ids(List<Connection> connections) {
        return connections.stream().map(Connection::connectionId).toList();
    }
}
