/**
 * The validated runner: the one chain every door and job passes through to run an action.
 */
package io.actionport.server.runner;
