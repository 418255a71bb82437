package io.actionport.server;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The one bridge from the reactive doors to blocking code (the store, the runner's synchronous
 * parts): the work runs on a virtual thread, never on an event loop.
 */
public final class Blocking {

    private static final ExecutorService VIRTUAL = Executors.newVirtualThreadPerTaskExecutor();
    private static final Scheduler SCHEDULER = Schedulers.fromExecutorService(VIRTUAL, "blocking");

    private Blocking() {}

    /** A Mono of the result of {@code work}, run on a virtual thread when subscribed. */
    public static <T> Mono<T> call(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(SCHEDULER);
    }
}
