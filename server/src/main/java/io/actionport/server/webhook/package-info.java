/** Completion webhooks: Standard Webhooks signing and durable, retried delivery. */
package io.actionport.server.webhook;
