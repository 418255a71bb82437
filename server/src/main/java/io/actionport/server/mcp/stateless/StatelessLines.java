package io.actionport.server.mcp.stateless;

import io.actionport.server.mcp.transport.ProtocolEras;
import java.util.Map;
import java.util.function.Consumer;
import reactor.core.Disposable;

/**
 * The stateless era over stdio: a line is stateless when its {@code _meta} says so (stdio has no
 * headers to check); its answer, and any messages before it, go out as lines.
 */
public final class StatelessLines {

    private final StatelessDispatcher dispatcher;
    private final String connectionId;

    /** @param connectionId the connection the process was started for, or null for the only one */
    public StatelessLines(StatelessDispatcher dispatcher, String connectionId) {
        this.dispatcher = dispatcher;
        this.connectionId = connectionId;
    }

    /** Whether a well-formed message belongs to the stateless era. */
    public static boolean claims(Map<?, ?> message) {
        return ProtocolEras.isStateless(io.netty.handler.codec.http.EmptyHttpHeaders.INSTANCE, message);
    }

    /** Answers a message, writing each outgoing message as one line; returns at once. */
    public Disposable answer(Map<?, ?> message, Consumer<String> line) {
        StatelessRequest checked;
        try {
            checked = StatelessRequest.of(null, message);
        } catch (StatelessError e) {
            var refusal = (StatelessDispatcher.Reply.Single) StatelessDispatcher.refusal(message.get("id"), e);
            line.accept(refusal.message().toString());
            return reactor.core.Disposables.disposed();
        }
        if (checked.isNotification()) {
            return reactor.core.Disposables.disposed();
        }
        return dispatcher.reply(checked, connectionId).subscribe(reply -> {
            switch (reply) {
                case StatelessDispatcher.Reply.Single single ->
                    line.accept(single.message().toString());
                case StatelessDispatcher.Reply.Stream stream ->
                    stream.messages().subscribe(each -> line.accept(each.toString()));
            }
        });
    }
}
