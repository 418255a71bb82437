package io.actionport.server.mcp;

import io.actionport.server.Actionport;
import io.actionport.server.mcp.stateless.ListenStreams;
import io.actionport.server.mcp.stateless.StatelessLines;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;

/** The MCP door over stdio, for desktop clients: the scope comes from flags instead of headers. */
public final class StdioMcp {

    /** The largest message a line may carry, as over Streamable HTTP. */
    static final int MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

    private StdioMcp() {}

    /**
     * Serves MCP on stdin and stdout until stdin closes and the requests read before are answered
     * (at most {@link JsonRpcLineFilter#ANSWER_GRACE} later), then stops the server.
     */
    public static void serve(Actionport server, String environment, String integration, String connectionId) {
        var closed = new CountDownLatch(1);
        var unanswered = new UnansweredRequests(McpServers.JSON);
        var output = new CleanedLineOutput(unanswered.watching(System.out), McpServers.JSON);
        var scope = new SessionScope(integration, connectionId, null);
        var tools =
                McpServers.tools(environment, integration, server.toolRunner(), server.registry(), context -> scope);
        var listens = new ListenStreams();
        var stateless = new StatelessLines(
                McpServers.stateless(
                        environment,
                        new StatelessTools(environment, integration, tools, server.toolRunner(), null),
                        listens,
                        server.requestStates(),
                        Actionport.VERSION),
                connectionId);
        // The end of the input passes the filter once the requests before it are answered.
        var input = new EndOfInputSignal(
                new JsonRpcLineFilter(System.in, output, McpServers.JSON, MAX_MESSAGE_BYTES, stateless, unanswered),
                closed);
        var transport = new StdioServerTransportProvider(McpServers.JSON, input, output);
        var mcp = McpServers.stdio(transport, tools, Actionport.VERSION);
        server.registry().onChange(changed -> {
            if (changed.equals(environment)) {
                tools.refresh(mcp).subscribe();
                listens.deployed(environment);
            }
        });
        server.events().onFinished(finished -> {
            // A synchronous call's result went to its caller: nobody can have subscribed to it.
            if (finished.async() && finished.environment().equals(environment)) {
                var uri = ToolResults.resourceUri(finished.executionId());
                mcp.notifyResourcesUpdated(new McpSchema.ResourcesUpdatedNotification(uri))
                        .subscribe();
                listens.executionFinished(environment, finished.executionId(), uri);
            }
        });
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            mcp.close();
            server.close();
        }
    }

    /** Counts down a latch when the client closes our stdin: the session is over. */
    private static final class EndOfInputSignal extends FilterInputStream {
        private final CountDownLatch closed;

        EndOfInputSignal(InputStream in, CountDownLatch closed) {
            super(in);
            this.closed = closed;
        }

        @Override
        public int read() throws IOException {
            return signal(super.read());
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return signal(super.read(buffer, offset, length));
        }

        private int signal(int result) {
            if (result < 0) {
                closed.countDown();
            }
            return result;
        }
    }
}
