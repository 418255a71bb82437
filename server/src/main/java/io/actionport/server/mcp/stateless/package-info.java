/**
 * The stateless MCP era (revision 2026-07-28): no {@code initialize} and no sessions; every
 * request carries its protocol version and client capabilities in {@code _meta}, is checked
 * against its {@code Mcp-Method}/{@code Mcp-Name} headers, and may be answered by any node.
 * Async executions are offered as tasks ({@code io.modelcontextprotocol/tasks}).
 */
package io.actionport.server.mcp.stateless;
