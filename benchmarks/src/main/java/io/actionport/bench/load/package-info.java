/**
 * The load generator, one program used identically for every target: MCP sessions over Streamable
 * HTTP on a Reactor Netty client with one event loop, closed-loop clients, a warm-up that is not
 * counted, and latencies in HdrHistograms.
 */
package io.actionport.bench.load;
