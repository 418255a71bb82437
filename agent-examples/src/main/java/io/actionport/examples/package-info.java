/**
 * Examples of the server's users: a minimal MCP client (sync and async tools), an LLM agent on
 * LangChain4j, and backend jobs, in-process or over HTTP with signed completion webhooks.
 */
package io.actionport.examples;
