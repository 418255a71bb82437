package io.actionport.server.connection;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A link an end user opens to connect an integration: it starts the provider's authorization.
 *
 * @param url the link
 * @param expiresAt when it stops working
 */
public record ConnectLink(URI url, Instant expiresAt) {

    public ConnectLink {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Makes connect links for end users. */
    @FunctionalInterface
    public interface Maker {
        /** A fresh link for {@code endUser} to connect {@code integration} in {@code environment}. */
        ConnectLink create(String environment, String integration, String endUser);
    }
}
