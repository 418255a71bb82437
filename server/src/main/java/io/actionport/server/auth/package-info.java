/**
 * Who is calling and what they may do: keys with a role (caller or admin) per environment, checked
 * on every API and MCP request by {@link io.actionport.server.auth.EnvironmentKeys}; every door asks
 * {@link io.actionport.server.auth.KeyRoles} before it acts.
 */
package io.actionport.server.auth;
