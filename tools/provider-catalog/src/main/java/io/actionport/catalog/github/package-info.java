/**
 * GitHub actions over its REST API (integration key {@code github}, base URL {@code
 * https://api.github.com}, auth scheme {@code bearer} with a token in credential {@code token}).
 */
package io.actionport.catalog.github;
