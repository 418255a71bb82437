/**
 * One vocabulary of error codes for the catalog's actions ({@code unauthorized}, {@code forbidden},
 * {@code not_found}, {@code validation_failed}, {@code rate_limited}); each provider package maps its
 * own answers onto it.
 */
package io.actionport.catalog.errors;
