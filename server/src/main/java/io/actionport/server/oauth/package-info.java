/**
 * MCP authorization as an OAuth 2.1 resource server: {@link io.actionport.server.oauth.AccessTokens}
 * alone decides whether an access token is accepted, {@link io.actionport.server.oauth.McpCallers}
 * tells a token from a static key on {@code /mcp}, and {@link
 * io.actionport.server.oauth.ProtectedResourceMetadata} tells clients where to get a token (RFC 9728).
 */
package io.actionport.server.oauth;
