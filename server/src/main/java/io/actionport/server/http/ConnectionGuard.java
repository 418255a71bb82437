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
 * {@link DoorLimits#headerTimeout()} to arrive, nor whose body stalls. Install it with {@code
 * HttpServer.doOnChannelInit(guard::install)}.
 *
 * <p>The clock starts at the first byte of a request and stops when its body has been read; a
 * keep-alive connection waiting for its next request is left to the idle timeout, and a response
 * that streams for hours (an SSE stream) is never on the clock.
 */
public final class ConnectionGuard {

    private static final Logger log = LoggerFactory.getLogger(ConnectionGuard.class);
    private static final String REQUEST_CLOCK = "actionport.requestClock";
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
        var clock = new RequestClock(remote);
        channel.pipeline().addFirst(REQUEST_CLOCK, clock);
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

    /**
     * Times each request while it is read: its line and headers from their first byte, then its
     * body, which may pause no longer than {@link DoorLimits#bodyReadTimeout()} and take no longer
     * than {@link DoorLimits#bodyTimeout()} in all; closes the connection when one runs out. One
     * timer per connection, rescheduled only when it fires, so a read costs two field writes.
     */
    private final class RequestClock extends ChannelInboundHandlerAdapter {

        private final SocketAddress remote;
        private ScheduledFuture<?> timer;
        private Phase phase = Phase.IDLE;
        private long startedNanos;
        private long lastReadNanos;

        private RequestClock(SocketAddress remote) {
            this.remote = remote;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf) {
                long now = System.nanoTime();
                lastReadNanos = now;
                if (phase == Phase.IDLE) {
                    phase = Phase.HEADERS;
                    startedNanos = now;
                    schedule(ctx, limits.headerTimeout().toNanos());
                }
            }
            ctx.fireChannelRead(msg);
        }

        void headersArrived(ChannelHandlerContext ctx) {
            phase = Phase.BODY;
            startedNanos = System.nanoTime();
            schedule(
                    ctx,
                    Math.min(
                            limits.bodyReadTimeout().toNanos(),
                            limits.bodyTimeout().toNanos()));
        }

        void requestRead() {
            phase = Phase.IDLE;
        }

        /** Makes the timer fire within {@code delayNanos}; a timer due sooner is kept, it re-checks when it fires. */
        private void schedule(ChannelHandlerContext ctx, long delayNanos) {
            if (timer != null) {
                if (timer.getDelay(TimeUnit.NANOSECONDS) <= delayNanos) {
                    return;
                }
                timer.cancel(false);
            }
            timer = ctx.executor().schedule(() -> check(ctx), delayNanos, TimeUnit.NANOSECONDS);
        }

        private void check(ChannelHandlerContext ctx) {
            timer = null;
            long now = System.nanoTime();
            long deadline = switch (phase) {
                case IDLE -> Long.MAX_VALUE;
                case HEADERS -> startedNanos + limits.headerTimeout().toNanos();
                case BODY ->
                    Math.min(
                            lastReadNanos + limits.bodyReadTimeout().toNanos(),
                            startedNanos + limits.bodyTimeout().toNanos());
            };
            if (deadline == Long.MAX_VALUE) {
                return;
            }
            if (now - deadline < 0) {
                schedule(ctx, deadline - now);
                return;
            }
            drops.dropped(overdue(now), remote);
            ctx.close();
        }

        private String overdue(long now) {
            if (phase == Phase.HEADERS) {
                return "its request headers did not arrive within "
                        + limits.headerTimeout().toMillis() + " ms";
            }
            if (now - lastReadNanos >= limits.bodyReadTimeout().toNanos()) {
                return "its request body stalled for "
                        + limits.bodyReadTimeout().toMillis() + " ms";
            }
            return "its request body took longer than " + limits.bodyTimeout().toMillis() + " ms";
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
            ctx.fireChannelInactive();
        }
    }

    private enum Phase {
        IDLE,
        HEADERS,
        BODY
    }

    /**
     * Sees decoded requests, to move the request clock on, and the errors of the connection: resets
     * are the client's choice and closed quietly, fatal errors are recorded.
     */
    private final class RequestWatch extends ChannelInboundHandlerAdapter {

        private final RequestClock clock;
        private final SocketAddress remote;

        private RequestWatch(RequestClock clock, SocketAddress remote) {
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
                clock.headersArrived(ctx);
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
            FatalErrors.record(cause);
            ctx.fireExceptionCaught(cause);
        }
    }
}
