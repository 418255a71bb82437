package io.actionport.server.cli;

import io.actionport.server.store.Json;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import tools.jackson.core.JacksonException;

/** Turns what went wrong talking to the server into one {@link CommandFailure} a user can act on. */
final class ServerAnswers {

    private ServerAnswers() {}

    /** A non-2xx answer: the server's own error code and message when it sent them. */
    static CommandFailure refusal(int status, String body) {
        try {
            var error = Json.MAPPER.readTree(body).path("error");
            if (error.path("code").isString() && error.path("message").isString()) {
                return new CommandFailure(
                        error.path("code").asString(), error.path("message").asString());
            }
        } catch (JacksonException e) {
            // Not the API's error shape (a proxy's page, say): show its start below.
        }
        var start = body.length() > 200 ? body.substring(0, 200) + "…" : body;
        return new CommandFailure(
                "http_" + status, "the server answered " + status + (start.isBlank() ? "" : ": " + start));
    }

    /** The server could not be reached at all. */
    static CommandFailure unreachable(String url, Exception e) {
        if (e instanceof HttpTimeoutException) {
            return new CommandFailure("timeout", "no answer from " + url + " in time; is the server overloaded?");
        }
        var reason = e instanceof ConnectException ? "connection refused" : describe(e);
        return new CommandFailure(
                "unreachable", "cannot reach " + url + " (" + reason + "); is 'actionport serve' running?");
    }

    private static String describe(Exception e) {
        var message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
