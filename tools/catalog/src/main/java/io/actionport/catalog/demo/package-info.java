/**
 * Actions for the demo issue tracker that the server hosts in demo mode, so the quickstart works
 * without an account or a network.
 */
package io.actionport.catalog.demo;
