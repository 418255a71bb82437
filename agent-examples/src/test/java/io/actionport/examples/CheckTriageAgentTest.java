package io.actionport.examples;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.actionport.examples.ScriptedChatModel.call;
import static io.actionport.examples.ScriptedChatModel.toolResults;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.service.tool.ToolExecution;
import io.actionport.examples.CheckTriageAgent.Check;
import io.actionport.examples.CheckTriageAgent.CiRun;
import io.actionport.server.Actionport;
import io.actionport.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The LangChain4j agent against a real server running the provider catalog, with GitHub and Slack
 * faked on 127.0.0.1 and a scripted model in place of an LLM.
 */
class CheckTriageAgentTest {

    static final Pattern URL = Pattern.compile("\"url\":\"([^\"]+)\"");
    static final CiRun RUN = new CiRun(
            "4812",
            "acme",
            "shop",
            "#ci",
            List.of(
                    new Check("lint", false, "ESLint: 3 errors in src/cart.ts"),
                    new Check("unit-tests", true, "812 passed"),
                    new Check("e2e", false, "Checkout flow times out on Safari")));

    @TempDir
    static Path dataDir;

    static WireMockServer github =
            new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    static WireMockServer slack =
            new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    static Actionport server;

    @BeforeAll
    static void start() {
        github.start();
        slack.start();
        server = Actionport.start(ServerConfig.defaults(dataDir)
                .withDevKey("triage-key")
                .withDevAdminKey("triage-admin-key")
                // GitHub and Slack are faked on loopback, which the egress policy refuses unless allowed.
                .withEgressAllow(List.of("127.0.0.1")));
        var admin = new Admin(server.baseUrl(), "triage-admin-key");
        admin.integration("github", github.baseUrl(), "bearer");
        admin.connection("github", "acme", Map.of("token", "ghp_example"));
        admin.integration("slack", slack.baseUrl() + "/api", "bearer");
        admin.connection("slack", "acme", Map.of("token", "xoxb-example"));
        admin.deployProviderCatalog("github");
        admin.deployProviderCatalog("slack");
        fakeGitHubAndSlack();
    }

    @BeforeEach
    void forgetEarlierRequests() {
        github.resetRequests();
        slack.resetRequests();
    }

    @AfterAll
    static void stop() {
        server.close();
        github.stop();
        slack.stop();
    }

    /** An open issue exists for lint, none for e2e; creating one answers #1352; Slack accepts a post. */
    static void fakeGitHubAndSlack() {
        github.stubFor(get(urlPathEqualTo("/search/issues"))
                .withQueryParam("q", containing("lint"))
                .willReturn(okJson("""
                        {"total_count": 1, "incomplete_results": false, "items": [{"number": 1350,
                         "title": "lint fails on main", "state": "open", "comments": 2,
                         "html_url": "https://github.com/acme/shop/issues/1350", "user": {"login": "mona"},
                         "labels": [{"name": "ci"}], "assignees": [], "updated_at": "2026-11-25T08:20:01Z"}]}
                        """)));
        github.stubFor(get(urlPathEqualTo("/search/issues"))
                .withQueryParam("q", containing("e2e"))
                .willReturn(okJson("{\"total_count\": 0, \"incomplete_results\": false, \"items\": []}")));
        github.stubFor(post(urlEqualTo("/repos/acme/shop/issues"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"number": 1352, "title": "e2e fails on main", "state": "open",
                                 "html_url": "https://github.com/acme/shop/issues/1352", "user": {"login": "actionport-bot"}}
                                """)));
        slack.stubFor(post(urlEqualTo("/api/chat.postMessage"))
                .willReturn(okJson("{\"ok\": true, \"channel\": \"C07CI4812\", \"ts\": \"1764058262.004129\"}")));
    }

    /** The script a careful model would follow for {@link #RUN}, reading the tools' answers as it goes. */
    static ScriptedChatModel model() {
        return new ScriptedChatModel(
                request -> AiMessage.from(
                        call(
                                "search-issues",
                                Map.of("query", "lint", "owner", "acme", "repo", "shop", "state", "open")),
                        call(
                                "search-issues",
                                Map.of("query", "e2e", "owner", "acme", "repo", "shop", "state", "open"))),
                request -> AiMessage.from(call(
                        "create-issue",
                        Map.of(
                                "owner", "acme",
                                "repo", "shop",
                                "title", "e2e fails on main",
                                "body", "Checkout flow times out on Safari"))),
                request -> AiMessage.from(call(
                        "post-message",
                        Map.of("channel", "#ci", "text", "CI run 4812 failed checks:\n" + urls(request)))),
                request ->
                        AiMessage.from("Posted to #ci: " + toolResults(request).getLast()));
    }

    static String urls(ChatRequest request) {
        return String.join(
                "\n",
                toolResults(request).stream()
                        .flatMap(result -> URL.matcher(result).results().map(match -> match.group(1)))
                        .toList());
    }

    @Test
    void the_agent_searches_files_the_missing_issue_posts_a_summary_and_answers() {
        var model = model();

        try (var agent = CheckTriageAgent.connect(model, server.baseUrl().toString(), "triage-key")) {
            var result = agent.triage(RUN);

            assertThat(result.toolExecutions())
                    .extracting(execution -> execution.request().name())
                    .containsExactly("search-issues", "search-issues", "create-issue", "post-message");
            assertThat(result.toolExecutions()).noneMatch(ToolExecution::hasFailed);
            assertThat(result.content()).startsWith("Posted to #ci: ").contains("1764058262.004129");
        }
        assertThat(model.requests().getFirst().toolSpecifications())
                .extracting(ToolSpecification::name)
                .containsExactlyInAnyOrderElementsOf(CheckTriageAgent.TOOLS);
    }

    @Test
    void the_server_runs_the_agents_calls_against_the_providers_with_the_connections_credentials() {
        try (var agent = CheckTriageAgent.connect(model(), server.baseUrl().toString(), "triage-key")) {
            agent.triage(RUN);
        }

        github.verify(getRequestedFor(urlPathEqualTo("/search/issues"))
                .withQueryParam("q", equalTo("lint repo:acme/shop is:issue state:open"))
                .withHeader("Authorization", equalTo("Bearer ghp_example")));
        github.verify(
                1,
                postRequestedFor(urlEqualTo("/repos/acme/shop/issues"))
                        .withRequestBody(matchingJsonPath("$.title", equalTo("e2e fails on main"))));
        slack.verify(
                postRequestedFor(urlEqualTo("/api/chat.postMessage"))
                        .withHeader("Authorization", equalTo("Bearer xoxb-example"))
                        .withRequestBody(
                                matchingJsonPath(
                                        "$.text",
                                        containing(
                                                "https://github.com/acme/shop/issues/1350\nhttps://github.com/acme/shop/issues/1352"))));
    }
}
