package io.actionport.examples;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The smallest useful MCP client: connects to Actionport over Streamable HTTP, lists the tools,
 * calls a read and a write, then starts a long-running action and follows its result resource
 * until it finishes.
 *
 * <p>Run it against a server started with the README's first command:
 * {@code ACTIONPORT_URL=http://127.0.0.1:8787 ACTIONPORT_KEY=<dev key> java ... McpClientExample}.
 */
public final class McpClientExample implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration RESULT_TIMEOUT = Duration.ofMinutes(2);

    private final McpSyncClient client;
    private final BlockingQueue<McpSchema.ResourceContents> updates = new LinkedBlockingQueue<>();

    private McpClientExample(String url, String key) {
        var transport = HttpClientStreamableHttpTransport.builder(url)
                .endpoint("/mcp")
                .requestBuilder(HttpRequest.newBuilder()
                        .header("Authorization", "Bearer " + key)
                        .header("Provider-Config-Key", "demo")
                        .header("Connection-Id", "demo"))
                .build();
        client = McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(60))
                // The server sends notifications/resources/updated; the SDK reads the resource and hands it here.
                .resourcesUpdateConsumer(updates::addAll)
                .build();
        client.initialize();
    }

    public static void main(String[] args) throws InterruptedException {
        var url = System.getenv().getOrDefault("ACTIONPORT_URL", "http://127.0.0.1:8787");
        try (var example = connect(url, System.getenv("ACTIONPORT_KEY"))) {
            example.listAndCall(System.out);
            example.importInBackground("example-" + System.currentTimeMillis(), List.of("a", "b", "c"), System.out);
        }
    }

    /** A client of the demo integration and connection, authenticated with the environment's key. */
    public static McpClientExample connect(String url, String key) {
        return new McpClientExample(url, key);
    }

    /** Lists tools, files an issue, and lists issues. */
    public void listAndCall(PrintStream out) {
        for (var tool : client.listTools().tools()) {
            out.println("tool " + tool.name() + ": " + tool.description());
        }
        var created = client.callTool(
                new McpSchema.CallToolRequest("create-issue", Map.of("title", "Checkout fails on Safari")));
        out.println("created " + created.structuredContent());
        var listed = client.callTool(new McpSchema.CallToolRequest("list-issues", Map.of("limit", 5)));
        out.println("open issues " + listed.structuredContent());
    }

    /**
     * Calls the async {@code bulk-import}, which answers at once with a link to its result, then
     * subscribes to that resource and returns the execution once it has finished.
     *
     * @return the execution's JSON view: {@code status}, then {@code output} or {@code error}
     */
    public JsonNode importInBackground(String batchId, List<String> titles, PrintStream out)
            throws InterruptedException {
        var issues = titles.stream().map(title -> Map.of("title", title)).toList();
        var started = client.callTool(
                new McpSchema.CallToolRequest("bulk-import", Map.of("batch_id", batchId, "issues", issues)));
        var link = started.content().stream()
                .filter(McpSchema.ResourceLink.class::isInstance)
                .map(McpSchema.ResourceLink.class::cast)
                .findFirst()
                .orElseThrow(
                        () -> new IllegalStateException("bulk-import answered without a resource link: " + started));
        out.println("started " + link.uri());

        client.subscribeResource(new McpSchema.SubscribeRequest(link.uri()));
        // Read once after subscribing: the execution may have finished before the subscription.
        var execution = read(link.uri());
        while (!isFinished(execution)) {
            var update = updates.poll(RESULT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (update == null) {
                throw new IllegalStateException("no update of " + link.uri() + " within " + RESULT_TIMEOUT);
            }
            if (update.uri().equals(link.uri()) && update instanceof McpSchema.TextResourceContents text) {
                execution = JSON.readTree(text.text());
            }
        }
        client.unsubscribeResource(new McpSchema.UnsubscribeRequest(link.uri()));
        out.println("finished " + execution.path("status").asString() + ": " + execution.path("output"));
        return execution;
    }

    private JsonNode read(String uri) {
        var contents =
                client.readResource(new McpSchema.ReadResourceRequest(uri)).contents();
        return JSON.readTree(((McpSchema.TextResourceContents) contents.getFirst()).text());
    }

    private static boolean isFinished(JsonNode execution) {
        return List.of("succeeded", "failed", "cancelled")
                .contains(execution.path("status").asString());
    }

    @Override
    public void close() {
        client.closeGracefully();
    }
}
