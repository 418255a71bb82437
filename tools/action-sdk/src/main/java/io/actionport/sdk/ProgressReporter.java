package io.actionport.sdk;

/** Tells callers how far a long action has come. */
public interface ProgressReporter {

    /**
     * Reports progress.
     *
     * @param done units done so far; must increase between calls
     * @param total the total, or {@code null} when unknown
     * @param message a short human message, or {@code null}
     */
    void report(double done, Double total, String message);
}
