package io.actionport.server.it;

import io.actionport.sdk.Action;
import io.actionport.sdk.ActionContext;
import io.actionport.sdk.ActionDescriptor;
import io.actionport.sdk.ActionException;
import io.actionport.sdk.ActionHints;
import io.actionport.sdk.Description;
import io.actionport.sdk.Optional;
import java.time.Duration;

/** Actions that misbehave on purpose, for the bad-input and failure matrix, on the {@code fake} integration. */
final class TestActions {

    private TestActions() {}

    record Empty() {}

    record Text(@Description("Some text.") String text) {}

    record Thing(
            @Description("Thing id.") String id, @Optional String name) {}

    /** Sleeps past its 300 ms timeout. */
    static final class Sleepy implements Action<Empty, Text> {
        @Override
        public ActionDescriptor<Empty, Text> descriptor() {
            return ActionDescriptor.builder("fake", "sleepy", Empty.class, Text.class)
                    .description("Sleeps for a minute.")
                    .timeout(Duration.ofMillis(300))
                    .hints(ActionHints.READ)
                    .build();
        }

        @Override
        public Text run(Empty input, ActionContext context) throws Exception {
            Thread.sleep(60_000);
            return new Text("woke up");
        }
    }

    /**
     * Sleeps 600 ms, past its 300 ms timeout, whatever interrupts it, then sets its thread's interrupt
     * flag again on its way out, as code that restores an interrupt it caught does.
     */
    static final class Stubborn implements Action<Empty, Text> {
        static final Duration SLEEP = Duration.ofMillis(600);

        @Override
        public ActionDescriptor<Empty, Text> descriptor() {
            return ActionDescriptor.builder("fake", "stubborn", Empty.class, Text.class)
                    .description("Ignores interrupts for 600 ms.")
                    .timeout(Duration.ofMillis(300))
                    .hints(ActionHints.READ)
                    .build();
        }

        @Override
        public Text run(Empty input, ActionContext context) {
            long end = System.nanoTime() + SLEEP.toNanos();
            boolean interrupted = false;
            for (long left; (left = end - System.nanoTime()) > 0; ) {
                try {
                    Thread.sleep(Duration.ofNanos(left));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return new Text("done anyway");
        }
    }

    /** Throws. */
    static final class Crashy implements Action<Empty, Text> {
        @Override
        public ActionDescriptor<Empty, Text> descriptor() {
            return ActionDescriptor.builder("fake", "crashy", Empty.class, Text.class)
                    .description("Always crashes.")
                    .build();
        }

        @Override
        public Text run(Empty input, ActionContext context) {
            throw new IllegalStateException("boom");
        }
    }

    /** Returns just over 2 MB. */
    static final class Huge implements Action<Empty, Text> {
        @Override
        public ActionDescriptor<Empty, Text> descriptor() {
            return ActionDescriptor.builder("fake", "huge", Empty.class, Text.class)
                    .description("Returns too much.")
                    .hints(ActionHints.READ)
                    .build();
        }

        @Override
        public Text run(Empty input, ActionContext context) {
            return new Text("x".repeat(2 * 1024 * 1024 + 1));
        }
    }

    /** Returns null for a required output field. */
    static final class Liar implements Action<Empty, Text> {
        @Override
        public ActionDescriptor<Empty, Text> descriptor() {
            return ActionDescriptor.builder("fake", "liar", Empty.class, Text.class)
                    .description("Breaks its own output schema.")
                    .hints(ActionHints.READ)
                    .build();
        }

        @Override
        public Text run(Empty input, ActionContext context) {
            return new Text(null);
        }
    }

    /** Reads a thing from the fake provider, and logs the connection's token to prove redaction. */
    static final class GetThing implements Action<Thing, Thing> {
        @Override
        public ActionDescriptor<Thing, Thing> descriptor() {
            return ActionDescriptor.builder("fake", "get-thing", Thing.class, Thing.class)
                    .description("Reads a thing.")
                    .hints(ActionHints.READ)
                    .build();
        }

        @Override
        public Thing run(Thing input, ActionContext context) {
            context.log().info("fetching {} with token {}", input.id(), TestServer.FAKE_TOKEN);
            return context.provider().getJson("/things/" + input.id(), Thing.class);
        }
    }

    /** Shares the name of a demo action, to make bare names ambiguous across integrations. */
    static final class FakeEcho implements Action<Text, Text> {
        @Override
        public ActionDescriptor<Text, Text> descriptor() {
            return ActionDescriptor.builder("fake", "echo", Text.class, Text.class)
                    .description("Echoes text.")
                    .hints(ActionHints.READ)
                    .build();
        }

        @Override
        public Text run(Text input, ActionContext context) {
            return input;
        }
    }

    record Batch(
            @Description("Batch id.") String batch,
            @Optional Integer millis) {}

    /** An idempotent read of the fake provider, retried on transient failures with short backoff. */
    static final class FlakyRead implements Action<Thing, Thing> {
        @Override
        public ActionDescriptor<Thing, Thing> descriptor() {
            return ActionDescriptor.builder("fake", "flaky-read", Thing.class, Thing.class)
                    .description("Reads a thing; the provider may fail at first.")
                    .hints(ActionHints.READ)
                    .mode(io.actionport.sdk.ExecutionMode.ASYNC)
                    .retryPolicy(new io.actionport.sdk.RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(200)))
                    .build();
        }

        @Override
        public Thing run(Thing input, ActionContext context) {
            return context.provider().getJson("/things/" + input.id(), Thing.class);
        }
    }

    /** A non-idempotent write that takes its time: sleeps {@code millis} (default 2 s). */
    static final class SlowWrite implements Action<Batch, Batch> {
        @Override
        public ActionDescriptor<Batch, Batch> descriptor() {
            return ActionDescriptor.builder("fake", "slow-write", Batch.class, Batch.class)
                    .description("Writes slowly.")
                    .hints(ActionHints.WRITE)
                    .build();
        }

        @Override
        public Batch run(Batch input, ActionContext context) throws Exception {
            Thread.sleep(input.millis() == null ? 2_000 : input.millis());
            return input;
        }
    }

    /** Answers within or after its 300 ms sync budget, as asked. */
    static final class Sometimes implements Action<Batch, Batch> {
        @Override
        public ActionDescriptor<Batch, Batch> descriptor() {
            return ActionDescriptor.builder("fake", "sometimes-slow", Batch.class, Batch.class)
                    .description("Sleeps millis, then echoes.")
                    .hints(ActionHints.IDEMPOTENT_WRITE)
                    .mode(io.actionport.sdk.ExecutionMode.ASYNC_WHEN_SLOW)
                    .syncBudget(Duration.ofMillis(300))
                    .build();
        }

        @Override
        public Batch run(Batch input, ActionContext context) throws Exception {
            context.progress().report(1, 2.0, "started");
            Thread.sleep(input.millis() == null ? 0 : input.millis());
            context.progress().report(2, 2.0, "done");
            return input;
        }
    }

    /** Refuses the first call of each batch as rate-limited (a retryable refusal), then succeeds. */
    static final class Throttled implements Action<Batch, Batch> {
        static final java.util.Map<String, java.util.concurrent.atomic.AtomicInteger> calls =
                new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public ActionDescriptor<Batch, Batch> descriptor() {
            return ActionDescriptor.builder("fake", "throttled", Batch.class, Batch.class)
                    .description("Rate-limited at first.")
                    .hints(ActionHints.IDEMPOTENT_WRITE)
                    .mode(io.actionport.sdk.ExecutionMode.ASYNC)
                    .retryPolicy(new io.actionport.sdk.RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(200)))
                    .build();
        }

        @Override
        public Batch run(Batch input, ActionContext context) {
            if (calls.computeIfAbsent(input.batch(), k -> new java.util.concurrent.atomic.AtomicInteger())
                            .incrementAndGet()
                    == 1) {
                throw io.actionport.sdk.ActionException.retryable("rate_limited", "slow down", Duration.ofMillis(300));
            }
            return input;
        }
    }

    /** Logs a 100,000-character line; with {@code fail} as its text it then fails with a 10,000-character message. */
    static final class Chatty implements Action<Text, Text> {
        @Override
        public ActionDescriptor<Text, Text> descriptor() {
            return ActionDescriptor.builder("fake", "chatty", Text.class, Text.class)
                    .description("Logs far too much.")
                    .hints(ActionHints.READ)
                    .build();
        }

        @Override
        public Text run(Text input, ActionContext context) throws ActionException {
            context.log().info("x".repeat(100_000));
            if (input.text().equals("fail")) {
                throw new ActionException("too_chatty", "y".repeat(10_000));
            }
            return new Text("said it all");
        }
    }
}
