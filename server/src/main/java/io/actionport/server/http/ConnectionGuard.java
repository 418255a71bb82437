package io.actionport.server.http;

import io.actionport.server.health.FatalErrors;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.ConnectionObserver;
import reactor.netty.NettyPipeline;

/**
 * Decides which connections the HTTP port keeps: at most {@link DoorLimits#maxConnections()} open,
 * at most {@link DoorLimits#maxConnectionsPerAddress()} from one client address (a connection over
 * either gets a 503 and is closed at accept), and none whose request headers take longer than
 * {@link DoorLimits#headerTimeout()} to arrive. Install it with {@code HttpServer.doOnChannelInit(guard::install)}.
 *
 * <p>The header clock starts at the first byte of a request and stops when its headers are
 * decoded; a keep-alive connection waiting for its next request is left to the idle timeout, and a
 * response that streams for hours (an SSE stream) is never on the clock.
 */
public final class ConnectionGuard {

    private static final Logger log = LoggerFactory.getLogger(ConnectionGuard.class);
    private static final String HEADER_CLOCK = "actionport.headerClock";
    private static final String REQUEST_WATCH = "actionport.requestWatch";
    private static final String REFUSAL = "actionport.refusal";

    private final DoorLimits limits;
    private final DroppedConnectionLog drops;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();

    public ConnectionGuard(DoorLimits limits, DroppedConnectionLog drops) {
        this.limits = limits;
        this.drops = drops;
    }

    /** Admits or refuses a new connection, and puts the admitted one on the header clock. */
    public void install(ConnectionObserver observer, Channel channel, SocketAddress ignoredClientSide) {
        // The address argument is the one a client connects to; a server's peer is the channel's.
        var remote = channel.remoteAddress();
        var address = remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
        var refusal = admit(address);
        if (refusal != null) {
            drops.dropped(refusal, address);
            channel.pipeline().addFirst(REFUSAL, new Refusal(refusal));
            return;
        }
        channel.closeFuture().addListener(closed -> release(address));
        var clock = new HeaderClock(remote);
        channel.pipeline().addFirst(HEADER_CLOCK, clock);
        if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
            channel.pipeline().addAfter(NettyPipeline.HttpCodec, REQUEST_WATCH, new RequestWatch(clock, remote));
        }
    }

    /** Open connections now, for tests and metrics. */
    public int openConnections() {
        return open.get();
    }

    /** Counts the connection in, or answers why it is refused. */
    private String admit(InetAddress address) {
        if (open.incrementAndGet() > limits.maxConnections()) {
            open.decrementAndGet();
            return "the server has " + limits.maxConnections() + " connections open, its limit";
        }
        if (address == null) {
            return null;
        }
        var count = perAddress.computeIfAbsent(address, ignored -> new AtomicInteger());
        if (count.incrementAndGet() > limits.maxConnectionsPerAddress()) {
            release(address);
            return "the client address has " + limits.maxConnectionsPerAddress() + " connections open, its limit";
        }
        return null;
    }

    private void release(InetAddress address) {
        open.decrementAndGet();
        if (address != null) {
            perAddress.computeIfPresent(address, (key, count) -> count.decrementAndGet() <= 0 ? null : count);
        }
    }

    /** Answers 503 before reading anything, then closes: the client learns why instead of seeing a reset. */
    private static final class Refusal extends ChannelInboundHandlerAdapter {

        private final String reason;

        private Refusal(String reason) {
            this.reason = reason;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            var body = "{\"error\":{\"code\":\"too_many_connections\",\"message\":\"" + reason
                    + "; close idle connections or retry later\"}}";
            var bytes = body.getBytes(StandardCharsets.UTF_8);
            ByteBuf response = Unpooled.copiedBuffer(
                    ("HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: "
                                    + bytes.length + "\r\nConnection: close\r\nRetry-After: 1\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII),
                    bytes);
            // Written from the first handler, so it goes straight to the socket, past the HTTP encoder.
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }
    }

    /** Times a request's line and headers from their first byte; closes the connection when they take too long. */
    private final class HeaderClock extends ChannelInboundHandlerAdapter {

        private final SocketAddress remote;
        private ScheduledFuture<?> deadline;
        private boolean inRequest;

        private HeaderClock(SocketAddress remote) {
            this.remote = remote;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf && !inRequest && deadline == null) {
                deadline = ctx.executor()
                        .schedule(() -> expire(ctx), limits.headerTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
            ctx.fireChannelRead(msg);
        }

        private void expire(ChannelHandlerContext ctx) {
            deadline = null;
            drops.dropped(
                    "its request headers did not arrive within "
                            + limits.headerTimeout().toMillis() + " ms",
                    remote);
            ctx.close();
        }

        void headersArrived() {
            if (deadline != null) {
                deadline.cancel(false);
                deadline = null;
            }
            inRequest = true;
        }

        void requestRead() {
            inRequest = false;
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (deadline != null) {
                deadline.cancel(false);
                deadline = null;
            }
            ctx.fireChannelInactive();
        }
    }

    /**
     * Sees decoded requests, to stop the header clock, and the errors of the connection: resets
     * are the client's choice and closed quietly, stalled bodies are counted, fatal errors recorded.
     */
    private final class RequestWatch extends ChannelInboundHandlerAdapter {

        private final HeaderClock clock;
        private final SocketAddress remote;

        private RequestWatch(HeaderClock clock, SocketAddress remote) {
            this.clock = clock;
            this.remote = remote;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest request && closedBeforeHeaders(request)) {
                // The client (or the header clock) hung up mid-headers: nobody to answer, nothing to warn about.
                log.debug("Connection from {} closed before its request headers arrived", remote);
                ReferenceCountUtil.release(msg);
                return;
            }
            if (msg instanceof HttpRequest) {
                clock.headersArrived();
            }
            if (msg instanceof LastHttpContent) {
                clock.requestRead();
            }
            ctx.fireChannelRead(msg);
        }

        private static boolean closedBeforeHeaders(HttpRequest request) {
            return request.decoderResult().isFailure()
                    && request.decoderResult().cause() instanceof PrematureChannelClosureException;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof IOException) {
                log.debug("Connection from {} failed: {}", remote, cause.toString());
                ctx.close();
                return;
            }
            if (cause instanceof ReadTimeoutException) {
                drops.dropped(
                        "its request body stalled for "
                                + limits.bodyReadTimeout().toMillis() + " ms",
                        remote);
            }
            FatalErrors.record(cause);
            ctx.fireExceptionCaught(cause);
        }
    }
}
