package io.actionport.server.egress;

import io.netty.resolver.AbstractAddressResolver;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Resolves the addresses Reactor Netty clients connect to through the {@link EgressPolicy}: every
 * connection, address literals included, goes to an address the policy allowed, looked up once,
 * so DNS cannot answer differently between the check and the connect. Lookups run on virtual
 * threads, never on an event loop.
 */
public final class EgressAddressResolverGroup extends AddressResolverGroup<InetSocketAddress> {

    private final EgressPolicy policy;

    public EgressAddressResolverGroup(EgressPolicy policy) {
        this.policy = policy;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new AbstractAddressResolver<>(executor, InetSocketAddress.class) {
            @Override
            protected boolean doIsResolved(InetSocketAddress address) {
                // Even an address literal goes through the policy.
                return false;
            }

            @Override
            protected void doResolve(InetSocketAddress address, Promise<InetSocketAddress> promise) {
                Thread.ofVirtual().name("egress-resolve").start(() -> {
                    try {
                        promise.trySuccess(policy.connectable(address).getFirst());
                    } catch (Throwable e) {
                        // Whatever happens, the connect must not wait forever on this promise.
                        promise.tryFailure(e);
                    }
                });
            }

            @Override
            protected void doResolveAll(InetSocketAddress address, Promise<List<InetSocketAddress>> promise) {
                Thread.ofVirtual().name("egress-resolve").start(() -> {
                    try {
                        promise.trySuccess(policy.connectable(address));
                    } catch (Throwable e) {
                        // Whatever happens, the connect must not wait forever on this promise.
                        promise.tryFailure(e);
                    }
                });
            }
        };
    }
}
