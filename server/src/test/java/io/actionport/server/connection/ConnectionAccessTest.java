package io.actionport.server.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.actionport.server.store.AuthScheme;
import io.actionport.server.store.Connection;
import io.actionport.server.store.Integration;
import io.actionport.server.store.OAuth2Client;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionAccessTest {

    static final URI API = URI.create("https://api.crm.example");
    static final Integration CONNECTABLE = new Integration(
            "dev",
            "crm",
            API,
            AuthScheme.OAUTH2,
            null,
            new OAuth2Client(
                    URI.create("https://auth.crm.example/token"),
                    "client",
                    null,
                    URI.create("https://auth.crm.example/authorize"),
                    List.of(),
                    null));
    static final Integration PLAIN = new Integration("dev", "crm", API, AuthScheme.BEARER, null);

    static Connection owned(String id, String endUser) {
        return new Connection("dev", "crm", id, Map.of("token", "t"), Map.of(), endUser);
    }

    static Connection shared(String id) {
        return new Connection("dev", "crm", id, Map.of("token", "t"), Map.of());
    }

    @Test
    void a_users_connection_serves_only_that_user() {
        var alices = owned("c1", "alice");

        assertThat(ConnectionAccess.mayUse("alice", alices)).isTrue();
        assertThat(ConnectionAccess.mayUse("bob", alices)).isFalse();
        assertThat(ConnectionAccess.mayUse(null, alices)).isFalse();
    }

    @Test
    void a_shared_connection_serves_everybody() {
        assertThat(ConnectionAccess.mayUse("alice", shared("s"))).isTrue();
        assertThat(ConnectionAccess.mayUse(null, shared("s"))).isTrue();
    }

    @Test
    void a_user_gets_their_own_connection_though_others_exist() {
        var choice = ConnectionAccess.implicit(
                "bob", CONNECTABLE, List.of(owned("a", "alice"), owned("b", "bob"), shared("s")));

        assertThat(choice).isEqualTo(new ConnectionAccess.Choice.Use(owned("b", "bob")));
    }

    @Test
    void a_user_without_a_connection_must_connect_where_the_integration_takes_links() {
        var choice = ConnectionAccess.implicit("carol", CONNECTABLE, List.of(owned("a", "alice"), shared("s")));

        assertThat(choice).isEqualTo(new ConnectionAccess.Choice.ConnectFirst("carol"));
    }

    @Test
    void a_user_without_a_connection_falls_back_to_the_only_shared_one_where_there_are_no_links() {
        var choice = ConnectionAccess.implicit("carol", PLAIN, List.of(owned("a", "alice"), shared("s")));

        assertThat(choice).isEqualTo(new ConnectionAccess.Choice.Use(shared("s")));
    }

    @Test
    void nobody_gets_a_users_connection_even_when_it_is_the_only_one() {
        var choice = ConnectionAccess.implicit(null, CONNECTABLE, List.of(owned("a", "alice")));

        assertThat(choice).isEqualTo(new ConnectionAccess.Choice.NameOne(List.of()));
    }

    @Test
    void the_candidates_listed_are_only_the_ones_the_caller_may_use() {
        var forNobody =
                ConnectionAccess.implicit(null, CONNECTABLE, List.of(owned("a", "alice"), shared("s1"), shared("s2")));
        var forAlice = ConnectionAccess.implicit(
                "alice", CONNECTABLE, List.of(owned("a1", "alice"), owned("a2", "alice"), owned("b", "bob")));

        assertThat(forNobody).isEqualTo(new ConnectionAccess.Choice.NameOne(List.of("s1", "s2")));
        assertThat(forAlice).isEqualTo(new ConnectionAccess.Choice.NameOne(List.of("a1", "a2")));
    }
}
