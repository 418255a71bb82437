/**
 * The durable store: environments and their keys (hashed only), integrations and connections
 * (secrets encrypted with AES-GCM), deployed bundles, and executions with their logs, on H2 or
 * PostgreSQL through one schema.
 */
package io.actionport.server.store;
