/**
 * The servers the harness measures, each a {@code main} started as a process of its own (pinned to
 * the server core in full runs): Actionport, the MCP Java SDK's servlet transport on Jetty with an
 * equivalent echo tool, and a bare Reactor Netty server with a canned answer. Each speaks the
 * {@link io.actionport.bench.server.ControlChannel} protocol on its standard streams.
 */
package io.actionport.bench.server;
