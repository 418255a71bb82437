/**
 * Connect links: an end user opens one, authorizes the provider (OAuth2 authorization code with
 * PKCE), and the tokens become a connection that user owns.
 */
package io.actionport.server.connect;
