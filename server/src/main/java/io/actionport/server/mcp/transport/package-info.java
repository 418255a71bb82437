/**
 * The MCP Streamable HTTP transport on Reactor Netty, mounted on an {@code HttpServer} that the
 * rest of the server owns.
 *
 * <p>{@link io.actionport.server.mcp.transport.ReactorNettyStreamableServerTransportProvider} is
 * the only entry point; {@link io.actionport.server.mcp.transport.McpRequestGate} and {@link
 * io.actionport.server.mcp.transport.GateDecision} let the server authenticate each request
 * before any MCP processing happens. Everything else in this package is a package-private helper.
 */
package io.actionport.server.mcp.transport;
