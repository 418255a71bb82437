package io.actionport.server.store;

import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a write that must not be lost (how an execution ended) when the store fails, a few
 * times with a growing pause, before giving up with the store's last error. A write whose data the
 * store refused (a broken key, a value it cannot hold) fails at once: trying it again changes
 * nothing.
 */
final class StoreRetry {

    private static final Logger log = LoggerFactory.getLogger(StoreRetry.class);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(25);
    private static final int ATTEMPTS = 6;

    private StoreRetry() {}

    static <T> T write(String what, Supplier<T> write) {
        var pause = FIRST_PAUSE;
        for (int attempt = 1; ; attempt++) {
            try {
                return write.get();
            } catch (StoreException e) {
                if (attempt == ATTEMPTS || e.isRefusedData()) {
                    throw e;
                }
                log.warn(
                        "{} failed (attempt {} of {}), retrying in {} ms: {}",
                        what,
                        attempt,
                        ATTEMPTS,
                        pause.toMillis(),
                        e.getMessage());
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pause = pause.multipliedBy(4);
            }
        }
    }
}
