/**
 * The action SDK: what an action author codes against.
 *
 * <p>An action is a class implementing {@link io.actionport.sdk.Action}: one {@code run} method
 * from an input record to an output record, and an {@link io.actionport.sdk.ActionDescriptor}
 * that names it and sets its hints, mode, timeout and retry policy. Input and output schemas are
 * generated from the records; {@link io.actionport.sdk.Description}, {@link
 * io.actionport.sdk.Optional}, {@link io.actionport.sdk.Default} and {@link
 * io.actionport.sdk.Format} refine them. Besides its output, an action may return {@link
 * io.actionport.sdk.Content} blocks (text, images, audio, resources, links) for MCP clients with
 * {@link io.actionport.sdk.ActionContext#addContent}. Actions are listed in
 * {@code META-INF/services/io.actionport.sdk.Action} of a bundle jar.
 *
 * <p>A bundle may also offer MCP prompts ({@link io.actionport.sdk.Prompt}), static resources
 * ({@link io.actionport.sdk.StaticResource}) and resource templates read through its read-only
 * actions ({@link io.actionport.sdk.ResourceTemplate}), from one {@link
 * io.actionport.sdk.PromptsAndResources} listed in {@code
 * META-INF/services/io.actionport.sdk.PromptsAndResources}.
 */
package io.actionport.sdk;
