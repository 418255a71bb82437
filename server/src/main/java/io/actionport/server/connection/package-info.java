/**
 * Connections to providers: resolving which connection a call uses, and the HTTP client that adds
 * its credentials and keeps actions on their integration's host.
 */
package io.actionport.server.connection;
