/**
 * Async execution: the durable queue (db-scheduler) with retries, limits and dead-node take-over,
 * idempotency keys, and waiting for completions.
 */
package io.actionport.server.async;
