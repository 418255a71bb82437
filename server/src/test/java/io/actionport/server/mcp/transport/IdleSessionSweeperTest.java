package io.actionport.server.mcp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IdleSessionSweeperTest {

    @Test
    void sweeps_twice_per_timeout_so_no_session_outlives_it_by_more_than_half() {
        assertThat(IdleSessionSweeper.periodFor(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void sweeps_at_least_every_minute_for_long_timeouts() {
        assertThat(IdleSessionSweeper.periodFor(Duration.ofHours(2))).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void never_sweeps_in_a_busy_loop() {
        assertThat(IdleSessionSweeper.periodFor(Duration.ofNanos(1))).isEqualTo(Duration.ofMillis(1));
    }
}
