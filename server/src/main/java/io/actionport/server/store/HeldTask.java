package io.actionport.server.store;

/**
 * An execution's task on the queue, held by the node that accepted the execution and runs it
 * itself: written picked by that node, so no other node's poll takes it while that node proves it
 * is alive.
 *
 * @param task the queue's task name
 * @param node the holding node's name, as the queue knows it
 */
public record HeldTask(String task, String node) {}
