package io.actionport.server.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the egress policy refuses and allows, by URL and by resolved address. */
class EgressPolicyTest {

    /** Names of a fake DNS: public-looking names that answer with inside addresses. */
    static final Map<String, List<String>> DNS = Map.of(
            "api.example.com", List.of("93.184.215.14"),
            "rebind.example.com", List.of("127.0.0.1"),
            "mixed.example.com", List.of("10.0.0.7", "93.184.215.14"),
            "metadata-alias.example.com", List.of("169.254.169.254"),
            "internal.example.com", List.of("10.1.2.3"));

    static EgressPolicy policy(String... allowed) {
        return EgressPolicy.allowing(List.of(allowed), name -> {
            var addresses = DNS.get(name);
            if (addresses == null) {
                throw new UnknownHostException(name);
            }
            var resolved = new java.util.ArrayList<InetAddress>();
            for (var address : addresses) {
                resolved.add(InetAddress.getByName(address));
            }
            return resolved;
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            http://169.254.169.254/latest/meta-data/ | a cloud metadata address (169.254.169.254)
            http://metadata.google.internal/computeMetadata/v1/ | it names a cloud metadata service
            http://100.100.100.200/ | a cloud metadata address (100.100.100.200)
            http://[fd00:ec2::254]/ | a cloud metadata address (fd00:ec2::254)
            http://10.0.0.1/ | a private address
            http://172.16.0.1/ | a private address
            http://172.31.255.255/ | a private address
            http://192.168.1.1/ | a private address
            http://0.0.0.0/ | an unspecified address
            http://[::]/ | an unspecified address (::)
            http://[::1]/ | a loopback address (::1)
            http://127.0.0.1:8080/ | a loopback address
            http://localhost/ | a loopback address
            http://api.localhost/ | a loopback address
            http://[::ffff:127.0.0.1]/ | a loopback address
            http://[::ffff:7f00:1]/ | a loopback address
            http://[::127.0.0.1]/ | a loopback address
            http://[64:ff9b::a9fe:a9fe]/ | a NAT64 address (64:ff9b::/96) of 169.254.169.254
            http://[2002:7f00:1::]/ | a 6to4 address (2002::/16) of 127.0.0.1
            http://2130706433/ | a loopback address
            http://0x7f000001/ | a loopback address
            http://017700000001/ | a loopback address
            http://127.1/ | a loopback address
            http://0x7f.0.0.1/ | a loopback address
            http://0177.0.0.1/ | a loopback address
            http://[fe80::1]/ | a link-local address (fe80::/10)
            http://169.254.1.1/ | a link-local address (169.254/16)
            http://[fc00::1]/ | a unique-local address (fc00::/7)
            http://100.64.0.1/ | a shared carrier-grade NAT address (100.64/10)
            http://224.0.0.1/ | a multicast address
            http://[ff02::1]/ | a multicast address
            http://255.255.255.255/ | the broadcast address
            http://user:pass@example.com/ | it carries user info
            http://user@example.com/ | it carries user info
            ftp://example.com/ | only http and https URLs are allowed
            file:///etc/passwd | only http and https URLs are allowed
            gopher://example.com:70/_GET | only http and https URLs are allowed
            jar:http://example.com/x.jar!/ | only http and https URLs are allowed
            http://exa mple.com/ | it is not a valid URL
            http:///nohost | it names no host
            http://1.2.3.4.5/ | ends in a number but is no valid IPv4 address
            http://256.1.1.1/ | has a part over 255
            """)
    void a_url_that_reaches_inside_is_refused_with_the_reason(String url, String reason) {
        assertThatThrownBy(() -> policy().checkUrl("base_url", url))
                .isInstanceOf(EgressRefusedException.class)
                .hasMessageStartingWith("refused base_url '" + url + "': ")
                .hasMessageContaining(reason);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://api.github.com/",
                "http://93.184.215.14/",
                "https://[2606:4700:4700::1111]/",
                "https://1e100.net/",
                "https://api.example.com:8443/v1"
            })
    void a_public_url_is_allowed(String url) {
        assertThat(policy().checkUrl("base_url", url)).hasToString(url);
    }

    @Test
    void the_refusal_says_how_to_allow_the_destination() {
        assertThatThrownBy(() -> policy().checkUrl("token_url", "http://10.0.0.1:8080/token"))
                .hasMessage("refused token_url 'http://10.0.0.1:8080/token': 10.0.0.1 is a private address "
                        + "(10/8, 172.16/12, 192.168/16); to allow it, start the server with --egress-allow "
                        + "10.0.0.1:8080 or add it to ACTIONPORT_EGRESS_ALLOW");
    }

    @Test
    void an_allow_entry_admits_its_host_and_port_only() {
        var policy = policy("127.0.0.1:8080", "10.20.0.0/16", "metadata.google.internal", "[::1]:9000");

        assertThat(policy.checkUrl("base_url", "http://127.0.0.1:8080/x")).isNotNull();
        assertThat(policy.checkUrl("base_url", "http://localhost:8080/x")).isNotNull();
        assertThat(policy.checkUrl("base_url", "http://10.20.3.4:1234/")).isNotNull();
        assertThat(policy.checkUrl("base_url", "http://metadata.google.internal/"))
                .isNotNull();
        assertThat(policy.checkUrl("base_url", "http://[::1]:9000/")).isNotNull();
        assertThatThrownBy(() -> policy.checkUrl("base_url", "http://127.0.0.1:8081/x"))
                .isInstanceOf(EgressRefusedException.class);
        assertThatThrownBy(() -> policy.checkUrl("base_url", "http://10.21.0.1/"))
                .isInstanceOf(EgressRefusedException.class);
        assertThatThrownBy(() -> policy.checkUrl("base_url", "http://[::1]:9001/"))
                .isInstanceOf(EgressRefusedException.class);
    }

    @Test
    void a_malformed_allow_entry_is_refused_at_start() {
        assertThatThrownBy(() -> policy("10.0.0.0/40"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("egress allow entry '10.0.0.0/40' is not a host, host:port or CIDR block");
        assertThatThrownBy(() -> policy("127.0.0.1:99999")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_public_name_that_resolves_to_loopback_is_refused_at_connect_time() {
        var policy = policy();

        assertThat(policy.checkUrl("base_url", "https://rebind.example.com/")).isNotNull();
        assertThatThrownBy(() -> policy.connectable("rebind.example.com", 443))
                .isInstanceOf(EgressRefusedException.class)
                .hasMessage("refused rebind.example.com:443: rebind.example.com resolves to 127.0.0.1, a loopback "
                        + "address (127.0.0.0/8); to allow it, start the server with --egress-allow "
                        + "rebind.example.com:443 or add it to ACTIONPORT_EGRESS_ALLOW");
        assertThatThrownBy(() -> policy.connectable("metadata-alias.example.com", 80))
                .hasMessageContaining("a cloud metadata address (169.254.169.254)");
    }

    @Test
    void only_the_allowed_addresses_of_a_name_are_connected_to() throws Exception {
        assertThat(policy().connectable("mixed.example.com", 443))
                .containsExactly(InetAddress.getByName("93.184.215.14"));
        assertThat(policy("internal.example.com").connectable("internal.example.com", 443))
                .containsExactly(InetAddress.getByName("10.1.2.3"));
        assertThat(policy("10.1.0.0/16").connectable("internal.example.com", 443))
                .containsExactly(InetAddress.getByName("10.1.2.3"));
    }

    @Test
    void an_address_literal_and_a_host_and_port_string_are_never_looked_up_as_names() {
        var policy = policy();

        assertThatThrownBy(() -> policy.connectable("127.0.0.1", 9)).hasMessageContaining("a loopback address");
        assertThatThrownBy(() -> policy.connectable("2130706433", 80)).hasMessageContaining("a loopback address");
        assertThatThrownBy(() -> policy.connectable("127.0.0.1:9", 9))
                .isInstanceOf(EgressRefusedException.class)
                .hasMessageContaining("is not a valid IPv6 address");
    }
}
