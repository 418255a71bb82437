/**
 * JSON Schemas of actions: generated from records, compiled once, and validation that reports each
 * violation with its JSON pointer.
 */
package io.actionport.server.schema;
