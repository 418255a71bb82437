package io.actionport.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import reactor.netty.http.server.HttpServerRoutes;

/** A request path is labelled with the route it matched, never with its ids. */
class UriTemplatesTest {

    static UriTemplates ofRoutes() {
        var routes = HttpServerRoutes.newRoutes()
                .get("/executions/{id}", (request, response) -> response.send())
                .get("/executions/{id}/logs", (request, response) -> response.send())
                .post("/executions/{id}/cancel", (request, response) -> response.send())
                .get("/executions", (request, response) -> response.send())
                .get("/health/ready", (request, response) -> response.send())
                .get("/health/{check}", (request, response) -> response.send())
                .route(request -> true, (request, response) -> response.send());
        return new UriTemplates().addRoutesOf(routes).add("/mcp", "/proxy/**");
    }

    @Test
    void a_path_is_labelled_with_the_template_of_its_route() {
        var templates = ofRoutes();

        assertThat(templates.templateOf("/executions/01J9ZX")).isEqualTo("/executions/{id}");
        assertThat(templates.templateOf("/executions/01J9ZX/logs")).isEqualTo("/executions/{id}/logs");
        assertThat(templates.templateOf("/executions/01J9ZX/cancel")).isEqualTo("/executions/{id}/cancel");
        assertThat(templates.templateOf("/executions")).isEqualTo("/executions");
        assertThat(templates.templateOf("/mcp")).isEqualTo("/mcp");
    }

    @Test
    void a_literal_segment_wins_over_a_variable_one() {
        assertThat(ofRoutes().templateOf("/health/ready")).isEqualTo("/health/ready");
        assertThat(ofRoutes().templateOf("/health/live")).isEqualTo("/health/{check}");
    }

    @Test
    void a_trailing_double_star_takes_any_rest_of_the_path() {
        assertThat(ofRoutes().templateOf("/proxy/repos/a/b/issues")).isEqualTo("/proxy/**");
    }

    @Test
    void a_path_no_route_serves_is_unmatched() {
        var templates = ofRoutes();

        assertThat(templates.templateOf("/executions/a/b/c")).isEqualTo(UriTemplates.UNMATCHED);
        assertThat(templates.templateOf("/executions/")).isEqualTo(UriTemplates.UNMATCHED);
        assertThat(templates.templateOf("/wp-admin.php")).isEqualTo(UriTemplates.UNMATCHED);
    }
}
