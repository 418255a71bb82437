package io.actionport.server.egress;

import io.actionport.server.ActionportException;
import java.util.Optional;

/** The egress policy refused a destination: the URL or host, the address, why, and how to allow it. */
public final class EgressRefusedException extends ActionportException {

    private final String target;

    EgressRefusedException(String target, String why, String allowEntry) {
        super(
                "egress_refused",
                "refused " + target + ": " + why
                        + (allowEntry == null
                                ? ""
                                : "; to allow it, start the server with --egress-allow " + allowEntry
                                        + " or add it to ACTIONPORT_EGRESS_ALLOW"));
        this.target = target;
    }

    /** The refusal among a failure's causes, where a client wrapped it. */
    public static Optional<EgressRefusedException> among(Throwable failure) {
        for (var cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof EgressRefusedException refused) {
                return Optional.of(refused);
            }
        }
        return Optional.empty();
    }

    /** The URL or {@code host:port} that was refused. */
    public String target() {
        return target;
    }
}
