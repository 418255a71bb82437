/**
 * The egress policy: which hosts and addresses the server may send requests to. Integrations'
 * base and token URLs and webhook URLs are checked when they are configured, and every outbound
 * connection is checked again on the address it resolves to, so DNS cannot route a request to
 * loopback, private, link-local or cloud metadata addresses unless an operator allow-listed them.
 */
package io.actionport.server.egress;
