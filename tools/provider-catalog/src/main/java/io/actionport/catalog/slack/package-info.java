/**
 * Slack actions over its Web API (integration key {@code slack}, base URL {@code
 * https://slack.com/api}, auth scheme {@code bearer} with a bot token in credential {@code token}).
 */
package io.actionport.catalog.slack;
