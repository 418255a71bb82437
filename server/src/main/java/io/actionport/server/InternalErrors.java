package io.actionport.server;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failures nobody caused on purpose (a database fault, a bug): logged in full under a random error
 * id, while the caller sees only the id. Every door reports them here, so no SQL, driver message or
 * stack trace ever reaches a response.
 */
public final class InternalErrors {

    private static final Logger log = LoggerFactory.getLogger(InternalErrors.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The code the store's failures carry; {@code store.StoreException} uses it. */
    public static final String STORE_ERROR = "store_error";

    private InternalErrors() {}

    /**
     * What the caller is told about a failure that was logged.
     *
     * @param errorId the id in the server log, e.g. {@code E-1a2b3c4d}
     * @param code {@code store_error} or {@code internal_error}
     * @param message a sentence with the error id, and nothing of the failure's internals
     */
    public record Report(String errorId, String code, String message) {}

    /** Logs the failure with its stack trace under a fresh error id. */
    public static Report report(String where, Throwable failure) {
        var errorId = "E-" + HexFormat.of().toHexDigits(RANDOM.nextInt());
        log.error("error id {}: {} failed", errorId, where, failure);
        boolean store = failure instanceof ActionportException known && STORE_ERROR.equals(known.code());
        var what = store ? "the server's database failed" : "the server failed unexpectedly";
        return new Report(
                errorId,
                store ? STORE_ERROR : "internal_error",
                what + " (error id " + errorId + "); the server log has the details");
    }
}
