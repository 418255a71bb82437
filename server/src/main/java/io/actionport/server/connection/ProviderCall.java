package io.actionport.server.connection;

import java.time.Duration;

/**
 * One exchange with a provider, as logged with the execution.
 *
 * @param method the HTTP method
 * @param path the path below the base URL
 * @param status the answer's status, 0 when there was none
 * @param elapsed how long it took
 */
public record ProviderCall(String method, String path, int status, Duration elapsed) {

    @Override
    public String toString() {
        return method + " " + path + " -> " + (status == 0 ? "no answer" : status) + " in " + elapsed.toMillis()
                + " ms";
    }
}
