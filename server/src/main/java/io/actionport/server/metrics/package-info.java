/** Micrometer meters of executions, the queue and webhooks, exposed for Prometheus. */
package io.actionport.server.metrics;
