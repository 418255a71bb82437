/** The in-process door: backend jobs in the server's JVM calling actions through the runner. */
package io.actionport.server.job;
