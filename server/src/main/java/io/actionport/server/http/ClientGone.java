package io.actionport.server.http;

import reactor.netty.channel.AbortedException;

/** Decides whether a failure only means the client went away: a closed or reset connection. */
final class ClientGone {

    private ClientGone() {}

    static boolean is(Throwable failure) {
        return failure instanceof AbortedException || AbortedException.isConnectionReset(failure);
    }
}
