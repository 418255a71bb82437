package io.actionport.server.egress;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import javax.net.ssl.SSLException;

/** Says in words why an outbound request got no answer, for messages people read (no class names). */
public final class NetworkFailures {

    private NetworkFailures() {}

    public static String describe(IOException failure) {
        return switch (failure) {
            case HttpTimeoutException timeout -> "no answer in time";
            case ConnectException refused -> "the connection was refused";
            case UnknownHostException unknown -> "the host name is not known";
            case SSLException tls -> "the TLS handshake failed";
            default ->
                failure.getClass().getSimpleName().equals("PrematureCloseException")
                        ? "the connection was closed before an answer"
                        : "the connection failed";
        };
    }
}
