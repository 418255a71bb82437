package io.actionport.sdk;

/**
 * What the caller's model answered to {@link ActionContext#sample}.
 *
 * @param text the model's text
 * @param model the model that answered, as the client names it, or null
 */
public record Sampled(String text, String model) {}
