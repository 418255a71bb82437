package io.actionport.server.connect;

import io.actionport.server.ActionportException;

/** A connect link or callback that cannot go on; the message tells the end user what to do. */
public final class ConnectFailure extends ActionportException {

    private final int status;

    ConnectFailure(int status, String code, String message) {
        super(code, message);
        this.status = status;
    }

    /** The HTTP status of the page that reports it. */
    public int status() {
        return status;
    }

    static ConnectFailure unknownLink() {
        return new ConnectFailure(
                404,
                "unknown_connect_link",
                "This connect link is unknown or was already used. Ask the application for a new link.");
    }

    static ConnectFailure expired() {
        return new ConnectFailure(
                410, "connect_link_expired", "This connect link has expired. Ask the application for a new link.");
    }
}
