package io.actionport.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The URL printed for a bound address is one a client can paste. */
class ReachableUrlTest {

    static URI of(String address, int port) throws Exception {
        return ReachableUrl.of(new InetSocketAddress(InetAddress.getByName(address), port));
    }

    @Test
    void a_wildcard_ipv4_bind_is_reached_on_loopback() throws Exception {
        assertThat(of("0.0.0.0", 8797)).isEqualTo(URI.create("http://127.0.0.1:8797"));
    }

    @Test
    void a_wildcard_ipv6_bind_is_reached_on_loopback_not_as_zeros() throws Exception {
        assertThat(of("::", 8797)).isEqualTo(URI.create("http://127.0.0.1:8797"));
        assertThat(ReachableUrl.isWildcard(new InetSocketAddress(InetAddress.getByName("::"), 1)))
                .isTrue();
    }

    @Test
    void an_ipv6_address_is_written_in_brackets() throws Exception {
        var url = of("::1", 8787);

        assertThat(url).isEqualTo(URI.create("http://[::1]:8787"));
        assertThat(url.getHost()).isEqualTo("[::1]");
        assertThat(url.getPort()).isEqualTo(8787);
    }

    @Test
    void an_ipv6_address_is_written_in_its_short_form() throws Exception {
        assertThat(of("2001:db8:0:0:1:0:0:1", 80)).isEqualTo(URI.create("http://[2001:db8::1:0:0:1]:80"));
        assertThat(of("fe80:0:0:0:0:0:0:1", 80)).isEqualTo(URI.create("http://[fe80::1]:80"));
        assertThat(of("2001:db8:1:2:3:4:5:6", 80)).isEqualTo(URI.create("http://[2001:db8:1:2:3:4:5:6]:80"));
        assertThat(of("2001:db8:0:1:2:3:4:5", 80))
                .as("a single zero group stays")
                .isEqualTo(URI.create("http://[2001:db8:0:1:2:3:4:5]:80"));
    }

    @Test
    void a_specific_ipv4_address_stays_as_bound() throws Exception {
        assertThat(of("192.168.1.5", 80)).isEqualTo(URI.create("http://192.168.1.5:80"));
        assertThat(ReachableUrl.isWildcard(new InetSocketAddress(InetAddress.getByName("192.168.1.5"), 80)))
                .isFalse();
    }
}
