/**
 * A test kit for action authors: run an action offline against provider responses recorded by
 * {@code actionport dryrun --save-responses}.
 */
package io.actionport.sdk.testing;
