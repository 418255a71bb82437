/** The Actionport server: {@link io.actionport.server.Actionport} wires the store, registry, runner and doors. */
package io.actionport.server;
