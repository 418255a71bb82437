package io.actionport.server.connection;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.actionport.sdk.Pagination;
import io.actionport.sdk.ProviderRequest;
import io.actionport.server.egress.EgressHttpClient;
import io.actionport.server.egress.EgressPolicy;
import io.actionport.server.store.AuthScheme;
import io.actionport.server.store.Connection;
import io.actionport.server.store.Integration;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code ProviderClient.paginate} over the three page styles, through the real client. */
class PaginationTest {

    record Item(int id) {}

    static final WireMockServer provider = new WireMockServer(
            WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());

    ProviderHttpClient client;

    @BeforeAll
    static void start() {
        provider.start();
    }

    @AfterAll
    static void stop() {
        provider.stop();
    }

    @BeforeEach
    void reset() {
        provider.resetAll();
        var target = new ResolvedConnection(
                new Integration("dev", "fake", URI.create(provider.baseUrl() + "/api/v3"), AuthScheme.NONE, null),
                new Connection("dev", "fake", "c1", Map.of(), Map.of()),
                new ConnectionCredentials(null, null, Clock.systemUTC()));
        client = new ProviderHttpClient(
                EgressHttpClient.create(EgressPolicy.allowing(List.of("127.0.0.1:" + provider.port()))),
                target,
                call -> {});
    }

    @Test
    void link_header_pages_are_followed_until_there_is_no_next_link() {
        var next = provider.baseUrl() + "/api/v3/issues?page=2&per_page=2";
        provider.stubFor(get(urlPathEqualTo("/api/v3/issues"))
                .withQueryParam("page", absent())
                .willReturn(okJson("[{\"id\":1},{\"id\":2}]")
                        .withHeader("Link", "<" + next + ">; rel=\"next\", <" + next + ">; rel=\"last\"")));
        provider.stubFor(get(urlPathEqualTo("/api/v3/issues"))
                .withQueryParam("page", equalTo("2"))
                .willReturn(okJson("[{\"id\":3}]").withHeader("Link", "</api/v3/issues>; rel=\"first\"")));

        var items = client.paginate(ProviderRequest.get("/issues"), Pagination.linkHeader(""), Item.class)
                .toList();

        assertThat(items).extracting(Item::id).containsExactly(1, 2, 3);
        provider.verify(getRequestedFor(urlPathEqualTo("/api/v3/issues")).withQueryParam("per_page", equalTo("2")));
    }

    @Test
    void a_next_link_to_another_host_is_refused() {
        provider.stubFor(get(urlPathEqualTo("/api/v3/issues"))
                .willReturn(okJson("[{\"id\":1}]").withHeader("Link", "<https://evil.example/x>; rel=\"next\"")));

        var pages = client.paginate(ProviderRequest.get("/issues"), Pagination.linkHeader(""), Item.class);

        assertThatThrownBy(pages::toList)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the provider's next-page link https://evil.example/x leaves " + provider.baseUrl()
                        + "/api/v3");
        provider.verify(1, getRequestedFor(urlPathEqualTo("/api/v3/issues")));
    }

    @Test
    void cursor_pages_send_each_cursor_until_a_page_has_none() {
        provider.stubFor(get(urlPathEqualTo("/api/v3/contacts"))
                .withQueryParam("cursor", absent())
                .willReturn(okJson("{\"data\":[{\"id\":1},{\"id\":2}],\"meta\":{\"next\":\"c2\"}}")));
        provider.stubFor(get(urlPathEqualTo("/api/v3/contacts"))
                .withQueryParam("cursor", equalTo("c2"))
                .willReturn(okJson("{\"data\":[{\"id\":3}],\"meta\":{\"next\":null}}")));

        var items = client.paginate(
                        ProviderRequest.get("/contacts"),
                        Pagination.cursor("cursor", "/meta/next", "/data"),
                        Item.class)
                .toList();

        assertThat(items).extracting(Item::id).containsExactly(1, 2, 3);
        provider.verify(2, getRequestedFor(urlPathEqualTo("/api/v3/contacts")));
    }

    @Test
    void offset_pages_advance_by_what_came_back_until_a_short_page() {
        provider.stubFor(get(urlPathEqualTo("/api/v3/deals"))
                .withQueryParam("offset", equalTo("0"))
                .willReturn(okJson("{\"results\":[{\"id\":1},{\"id\":2}]}")));
        provider.stubFor(get(urlPathEqualTo("/api/v3/deals"))
                .withQueryParam("offset", equalTo("2"))
                .willReturn(okJson("{\"results\":[{\"id\":3},{\"id\":4}]}")));
        provider.stubFor(get(urlPathEqualTo("/api/v3/deals"))
                .withQueryParam("offset", equalTo("4"))
                .willReturn(okJson("{\"results\":[{\"id\":5}]}")));

        var items = client.paginate(ProviderRequest.get("/deals"), Pagination.offset(2, "/results"), Item.class)
                .toList();

        assertThat(items).extracting(Item::id).containsExactly(1, 2, 3, 4, 5);
        provider.verify(3, getRequestedFor(urlPathEqualTo("/api/v3/deals")).withQueryParam("limit", equalTo("2")));
    }

    @Test
    void pages_are_fetched_only_as_the_stream_needs_them() {
        provider.stubFor(get(urlPathEqualTo("/api/v3/deals"))
                .withQueryParam("offset", equalTo("0"))
                .willReturn(okJson("{\"results\":[{\"id\":1},{\"id\":2}]}")));

        var first = client.paginate(ProviderRequest.get("/deals"), Pagination.offset(2, "/results"), Item.class)
                .limit(2)
                .toList();

        assertThat(first).extracting(Item::id).containsExactly(1, 2);
        provider.verify(1, getRequestedFor(urlPathEqualTo("/api/v3/deals")));
    }
}
