/**
 * The MCP door: every deployed action as a tool, over Streamable HTTP (one server per environment)
 * and over stdio, with calls handed to the runner.
 */
package io.actionport.server.mcp;
