package io.actionport.server.health;

import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Hooks;

/**
 * Remembers the first error the process cannot recover from, such as an {@link OutOfMemoryError}:
 * after one, half-finished work may have left the store or a pool broken, so the server must stop
 * answering ready instead of going on as if nothing happened. The process-wide record is why this
 * is static: an OutOfMemoryError hits the whole JVM, not one server.
 *
 * <p>Run the server with {@code -XX:+ExitOnOutOfMemoryError} too, so that a supervisor restarts it;
 * this record covers the errors a library caught before the JVM could act on them.
 */
public final class FatalErrors {

    private static final Logger log = LoggerFactory.getLogger(FatalErrors.class);
    private static final AtomicReference<Throwable> FIRST = new AtomicReference<>();
    private static final Object INSTALL = new Object();
    private static boolean installed;

    private FatalErrors() {}

    /**
     * Watches the places a fatal error surfaces without killing the process: threads that die of it,
     * and Reactor operators that catch it. Idempotent.
     */
    public static void install() {
        synchronized (INSTALL) {
            if (installed) {
                return;
            }
            installed = true;
        }
        var previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            record(error);
            if (previous != null) {
                previous.uncaughtException(thread, error);
            } else {
                thread.getThreadGroup().uncaughtException(thread, error);
            }
        });
        Hooks.onOperatorError(FatalErrors.class.getName(), (error, value) -> {
            record(error);
            return error;
        });
    }

    /** Records {@code error}, or the fatal error among its causes; others are ignored. */
    public static void record(Throwable error) {
        for (var cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof VirtualMachineError fatal && FIRST.compareAndSet(null, fatal)) {
                log.error(
                        "The process hit {}; it now reports itself not ready and should be restarted",
                        fatal.toString());
                return;
            }
        }
    }

    /** A description of the first fatal error, or null while there was none. */
    public static String first() {
        var fatal = FIRST.get();
        return fatal == null ? null : fatal.getClass().getSimpleName() + ": " + fatal.getMessage();
    }
}
