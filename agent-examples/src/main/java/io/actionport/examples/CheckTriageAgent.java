package io.actionport.examples;

import dev.langchain4j.mcp.McpToolProvider;
import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.transport.http.StreamableHttpMcpTransport;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.Result;
import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An LLM agent built with LangChain4j that uses Actionport's tools over MCP for a real chore: file
 * a GitHub issue for each failing CI check (unless one is already open) and post a summary to Slack.
 *
 * <p>It opens one MCP session per integration ({@code Provider-Config-Key: github} and {@code
 * slack}), so each session sees only that integration's tools, and offers the model just the three
 * it needs. Any LangChain4j {@link ChatModel} drives it; {@link #main}
 * uses OpenAI when {@code OPENAI_API_KEY} is set.
 */
public final class CheckTriageAgent implements AutoCloseable {

    /** The tools the agent may use; the rest of the integrations' tools are not offered to the model. */
    public static final List<String> TOOLS = List.of("search-issues", "create-issue", "post-message");

    /** One CI check's result. */
    public record Check(String name, boolean passed, String details) {}

    /** A CI run to triage: where its issues go and which Slack channel hears about it. */
    public record CiRun(String id, String owner, String repo, String slackChannel, List<Check> checks) {}

    interface Triage {
        @SystemMessage("""
                You triage CI results with tools. For each FAILING check only:
                1. Call search-issues with the check's name as query, the run's owner and repo, and state open.
                2. If no open issue matches, call create-issue with the title "<check> fails on main" and the
                   check's details as body; never file an issue when search-issues found one.
                Then call post-message once, to the run's Slack channel, with one line per failing check and
                the URL of its issue (the existing or the new one). Finally answer with the message you posted.""")
        Result<String> triage(@UserMessage String run);
    }

    private final ChatModel model;
    private final List<McpClient> clients;

    private CheckTriageAgent(ChatModel model, List<McpClient> clients) {
        this.model = model;
        this.clients = clients;
    }

    /** An agent driven by {@code model}, using the tools of the Actionport server at {@code url}. */
    public static CheckTriageAgent connect(ChatModel model, String url, String key) {
        return new CheckTriageAgent(model, List.of(mcp(url, key, "github"), mcp(url, key, "slack")));
    }

    public static void main(String[] args) {
        var apiKey = System.getenv("OPENAI_API_KEY");
        if (apiKey == null) {
            System.err.println("Set OPENAI_API_KEY (and optionally OPENAI_MODEL, OPENAI_BASE_URL) to run the agent "
                    + "with a real model; CheckTriageAgentTest runs it with a scripted one.");
            System.exit(2);
        }
        var model = OpenAiChatModel.builder()
                .apiKey(apiKey)
                .baseUrl(System.getenv().getOrDefault("OPENAI_BASE_URL", "https://api.openai.com/v1"))
                .modelName(System.getenv().getOrDefault("OPENAI_MODEL", "gpt-4o-mini"))
                .build();
        var run = new CiRun(
                "4812",
                System.getenv().getOrDefault("GITHUB_OWNER", "acme"),
                System.getenv().getOrDefault("GITHUB_REPO", "shop"),
                System.getenv().getOrDefault("SLACK_CHANNEL", "#ci"),
                List.of(
                        new Check("lint", false, "ESLint: 3 errors in src/cart.ts"),
                        new Check("unit-tests", true, "812 passed"),
                        new Check("e2e", false, "Checkout flow times out on Safari")));
        var url = System.getenv().getOrDefault("ACTIONPORT_URL", "http://127.0.0.1:8787");
        try (var agent = connect(model, url, System.getenv("ACTIONPORT_KEY"))) {
            var result = agent.triage(run);
            result.toolExecutions()
                    .forEach(call -> System.out.println("called "
                            + call.request().name() + " " + call.request().arguments()));
            System.out.println(result.content());
        }
    }

    /** Runs the chore for one CI run: the model decides which tools to call, the server runs them. */
    public Result<String> triage(CiRun run) {
        var triage = AiServices.builder(Triage.class)
                .chatModel(model)
                .chatMemory(MessageWindowChatMemory.withMaxMessages(100))
                .toolProvider(McpToolProvider.builder()
                        .mcpClients(clients)
                        // Each session is limited to one integration, so the server uses plain tool names.
                        .filter((client, tool) -> TOOLS.contains(tool.name()))
                        .build())
                .maxSequentialToolsInvocations(20)
                .build();
        return triage.triage(describe(run));
    }

    /** The run as the model reads it. */
    static String describe(CiRun run) {
        var checks = run.checks().stream()
                .map(check -> "- " + check.name() + ": " + (check.passed() ? "passed" : "FAILED") + " ("
                        + check.details() + ")")
                .collect(Collectors.joining("\n"));
        return "CI run " + run.id() + " of GitHub repository owner=" + run.owner() + " repo=" + run.repo()
                + "; Slack channel " + run.slackChannel() + ".\nChecks:\n" + checks;
    }

    private static McpClient mcp(String url, String key, String integration) {
        var transport = StreamableHttpMcpTransport.builder()
                .url(url + "/mcp")
                .customHeaders(Map.of("Authorization", "Bearer " + key, "Provider-Config-Key", integration))
                .timeout(Duration.ofSeconds(60))
                .build();
        return DefaultMcpClient.builder()
                .key(integration)
                .clientName("actionport-check-triage")
                .transport(transport)
                .build();
    }

    @Override
    public void close() {
        for (var client : clients) {
            try {
                client.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close the MCP client " + client.key(), e);
            }
        }
    }
}
