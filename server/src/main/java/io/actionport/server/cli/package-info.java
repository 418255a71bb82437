/** The {@code actionport} command line: serve, MCP over stdio, actions, connections, deploy. */
package io.actionport.server.cli;
