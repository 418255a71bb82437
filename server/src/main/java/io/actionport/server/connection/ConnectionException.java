package io.actionport.server.connection;

import io.actionport.server.ActionportException;
import java.net.URI;
import java.util.Optional;

/** The integration or connection a call names does not exist, or none was named where one must be. */
public final class ConnectionException extends ActionportException {

    /** The code of a call for an end user who has not connected the integration yet. */
    public static final String CONNECTION_REQUIRED = "connection_required";

    private final URI connectUrl;

    public ConnectionException(String code, String message) {
        this(code, message, null);
    }

    private ConnectionException(String code, String message, URI connectUrl) {
        super(code, message);
        this.connectUrl = connectUrl;
    }

    /** The end user has no connection for the integration; {@code link} lets them make one. */
    static ConnectionException connectionRequired(String endUser, String integration, ConnectLink link) {
        return new ConnectionException(
                CONNECTION_REQUIRED,
                "end user '" + endUser + "' has not connected '" + integration + "' yet. Show the user this link to"
                        + " connect their account, then call again: " + link.url() + " (valid until "
                        + link.expiresAt() + ")",
                link.url());
    }

    /** True when the caller named something that does not exist, rather than naming nothing. */
    public boolean isNotFound() {
        return !code().equals("missing_connection") && !code().equals(CONNECTION_REQUIRED);
    }

    /** Where the end user can connect the integration, when that is what the call lacks. */
    public Optional<URI> connectUrl() {
        return Optional.ofNullable(connectUrl);
    }
}
