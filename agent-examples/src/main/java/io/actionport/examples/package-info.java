/** Examples of the server's users: an MCP client and an in-process backend job. */
package io.actionport.examples;
