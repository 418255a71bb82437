package io.actionport.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class LocalTokenTest {

    private final LocalToken token = LocalToken.random();

    @Test
    void the_token_is_accepted_over_loopback() {
        assertThat(token.accepts(token.value(), new InetSocketAddress("127.0.0.1", 50000)))
                .isTrue();
        assertThat(token.accepts(token.value(), new InetSocketAddress("::1", 50000)))
                .isTrue();
    }

    @Test
    void the_token_is_refused_from_another_machine() {
        assertThat(token.accepts(token.value(), new InetSocketAddress("192.168.1.20", 50000)))
                .isFalse();
        assertThat(token.accepts(token.value(), null)).isFalse();
    }

    @Test
    void another_token_is_refused_over_loopback() {
        assertThat(token.accepts(LocalToken.random().value(), new InetSocketAddress("127.0.0.1", 50000)))
                .isFalse();
        assertThat(token.accepts("", new InetSocketAddress("127.0.0.1", 50000))).isFalse();
    }

    @Test
    void each_process_gets_its_own_random_token() {
        assertThat(LocalToken.random().value()).isNotEqualTo(token.value()).hasSizeGreaterThanOrEqualTo(43);
    }
}
