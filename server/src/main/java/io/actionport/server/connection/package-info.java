/**
 * Connections to providers: resolving which connection a call uses, turning its stored credentials
 * into what a request carries (refreshing OAuth2 tokens, one refresh per connection at a time), the
 * URL rules that keep actions and the requests proxy on their integration's host, and the HTTP
 * client actions use, with its retries and timeouts.
 */
package io.actionport.server.connection;
