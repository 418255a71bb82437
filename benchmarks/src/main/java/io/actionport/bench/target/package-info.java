/**
 * The targets a load runs against: server processes started and pinned by the harness, read for
 * RSS and CPU from {@code /proc} and for heap over their control channel.
 */
package io.actionport.bench.target;
