package io.actionport.server.runner;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Supplier;

/** Time-ordered execution ids (UUID version 7), so ids sort by creation. */
public final class ExecutionIds implements Supplier<String> {

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ExecutionIds(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String get() {
        long millis = clock.millis();
        long high = (millis << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
