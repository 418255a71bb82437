package io.actionport.server.it;

import io.actionport.sdk.Action;
import io.actionport.sdk.ActionContext;
import io.actionport.sdk.ActionDescriptor;
import io.actionport.sdk.ActionException;
import io.actionport.sdk.ActionHints;
import io.actionport.sdk.Content;
import io.actionport.sdk.Default;
import io.actionport.sdk.Description;
import io.actionport.sdk.ExecutionMode;
import io.actionport.sdk.Optional;
import io.actionport.server.registry.Bundle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.imageio.ImageIO;

/**
 * The tools the official MCP conformance suite calls, under the exact names it expects, written
 * with the public action SDK as a bundle author would, on the {@code conformance} integration.
 * The prompts and resources the suite asks for are in {@link ConformanceOfferings}.
 */
final class ConformanceActions {

    static final String INTEGRATION = "conformance";

    private ConformanceActions() {}

    /** Every fixture, as one bundle. */
    static Bundle bundle() {
        return Bundle.of(
                INTEGRATION,
                new ConformanceOfferings(),
                new ConformanceOfferings.TemplateData(),
                new SimpleText(),
                new ImageContent(),
                new AudioContent(),
                new EmbeddedResource(),
                new MultipleContentTypes(),
                new ErrorHandling(),
                new WithProgress(),
                new WithLogging(),
                new LoggingDiagnostic(),
                new StreamingElicitationDiagnostic(),
                new JsonSchema202012(),
                new Greet(),
                new SlowCompute(),
                new FailingJob(),
                new ProtocolErrorJob(),
                new MultiInput(),
                new AskThenRunAsTask(),
                new Elicit(),
                new ElicitDefaults(),
                new AskName("test_input_required_result_elicitation"),
                new AskName("test_input_required_result_tampered_state"),
                new AskConfirmation(),
                new AskTwice(),
                new Sample(),
                new AskModel(),
                new AskRoots(),
                new AskWhatIsDeclared(),
                new NeedsSampling(),
                new ConfirmDelete(),
                new TriggerListChange("test_trigger_tool_change"),
                new TriggerListChange("test_trigger_prompt_change"),
                new ElicitEnums(),
                new AskThreeAtOnce(),
                new RoutedEcho());
    }

    record Empty() {}

    record Text(@Description("The tool's answer.") String text) {}

    private static <I, O> ActionDescriptor.Builder<I, O> fixture(String name, Class<I> input, Class<O> output) {
        return ActionDescriptor.builder(INTEGRATION, name, input, output).hints(ActionHints.READ.closedWorld());
    }

    /** {@code tools-call-simple-text}. */
    static final class SimpleText implements Action<Empty, Text> {
        @Override
        public ActionDescriptor<Empty, Text> descriptor() {
            return fixture("test_simple_text", Empty.class, Text.class)
                    .description("Returns a fixed text.")
                    .build();
        }

        @Override
        public Text run(Empty input, ActionContext context) {
            return says(context, "This is a simple text response for testing.");
        }
    }

    /** An output whose text is also the call's one content block, as the suite reads it. */
    private static Text says(ActionContext context, String text) {
        context.addContent(Content.text(text));
        return new Text(text);
    }

    /** {@code tools-call-image}. */
    static final class ImageContent implements Action<Empty, Empty> {
        @Override
        public ActionDescriptor<Empty, Empty> descriptor() {
            return fixture("test_image_content", Empty.class, Empty.class)
                    .description("Returns an image.")
                    .build();
        }

        @Override
        public Empty run(Empty input, ActionContext context) {
            context.addContent(Content.image(png(), "image/png"));
            return input;
        }
    }

    /** {@code tools-call-audio}. */
    static final class AudioContent implements Action<Empty, Empty> {
        @Override
        public ActionDescriptor<Empty, Empty> descriptor() {
            return fixture("test_audio_content", Empty.class, Empty.class)
                    .description("Returns a sound.")
                    .build();
        }

        @Override
        public Empty run(Empty input, ActionContext context) {
            context.addContent(Content.audio(wav(), "audio/wav"));
            return input;
        }
    }

    /** {@code tools-call-embedded-resource}. */
    static final class EmbeddedResource implements Action<Empty, Empty> {
        @Override
        public ActionDescriptor<Empty, Empty> descriptor() {
            return fixture("test_embedded_resource", Empty.class, Empty.class)
                    .description("Returns an embedded resource.")
                    .build();
        }

        @Override
        public Empty run(Empty input, ActionContext context) {
            context.addContent(Content.resource(
                    "test://embedded-resource", "text/plain", "This is an embedded resource content."));
            return input;
        }
    }

    /** {@code tools-call-mixed-content}: text, an image and an embedded resource in one result. */
    static final class MultipleContentTypes implements Action<Empty, Empty> {
        @Override
        public ActionDescriptor<Empty, Empty> descriptor() {
            return fixture("test_multiple_content_types", Empty.class, Empty.class)
                    .description("Returns text, an image and an embedded resource.")
                    .build();
        }

        @Override
        public Empty run(Empty input, ActionContext context) {
            context.addContent(
                    Content.text("Multiple content types test:"),
                    Content.image(png(), "image/png"),
                    Content.resource(
                            "test://mixed-content-resource", "application/json", "{\"test\":\"data\",\"value\":123}"));
            return input;
        }
    }

    /** A 1x1 PNG. */
    static byte[] png() {
        var bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A WAV file of 8 silent samples: 8 kHz, 8 bit, mono. */
    private static byte[] wav() {
        int samples = 8;
        var wav = ByteBuffer.allocate(44 + samples).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples);
        wav.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
        wav.putShort((short) 1).putShort((short) 1).putInt(8000).putInt(8000);
        wav.putShort((short) 1).putShort((short) 8);
        wav.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples);
        for (int i = 0; i < samples; i++) {
            wav.put((byte) 0x80);
        }
        return wav.array();
    }

    /** {@code tools-call-error}: a tool failure, which must be an {@code isError} result, not a JSON-RPC error. */
    static final class ErrorHandling implements Action<Empty, Text> {
        @Override
        public ActionDescriptor<Empty, Text> descriptor() {
            return fixture("test_error_handling", Empty.class, Text.class)
                    .description("Always fails.")
                    .build();
        }

        @Override
        public Text run(Empty input, ActionContext context) {
            throw new ActionException("intentional_error", "This tool intentionally returns an error for testing");
        }
    }

    /** {@code tools-call-with-progress}: progress 0, 50 and 100 of 100, about 50 ms apart. */
    static final class WithProgress implements Action<Empty, Text> {
        @Override
        public ActionDescriptor<Empty, Text> descriptor() {
            return fixture("test_tool_with_progress", Empty.class, Text.class)
                    .description("Reports progress three times.")
                    .build();
        }

        @Override
        public Text run(Empty input, ActionContext context) throws InterruptedException {
            context.progress().report(0, 100.0, "started");
            Thread.sleep(50);
            context.progress().report(50, 100.0, "halfway");
            Thread.sleep(50);
            context.progress().report(100, 100.0, "done");
            return says(context, "Progress test completed");
        }
    }

    /** {@code tools-call-with-logging} (2025-11-25): three info lines, about 50 ms apart. */
    static final class WithLogging implements Action<Empty, Text> {
        @Override
        public ActionDescriptor<Empty, Text> descriptor() {
            return fixture("test_tool_with_logging", Empty.class, Text.class)
                    .description("Logs three lines.")
                    .build();
        }

        @Override
        public Text run(Empty input, ActionContext context) throws InterruptedException {
            return logThreeLines(context);
        }
    }

    /** {@code server-stateless} (2026-07-28): logs, which may reach the caller only if it asked for a log level. */
    static final class LoggingDiagnostic implements Action<Empty, Text> {
        @Override
        public ActionDescriptor<Empty, Text> descriptor() {
            return fixture("test_logging_tool", Empty.class, Text.class)
                    .description("Logs three lines.")
                    .build();
        }

        @Override
        public Text run(Empty input, ActionContext context) throws InterruptedException {
            return logThreeLines(context);
        }
    }

    private static Text logThreeLines(ActionContext context) throws InterruptedException {
        context.log().info("Tool execution started");
        Thread.sleep(50);
        context.log().info("Tool processing data");
        Thread.sleep(50);
        context.log().info("Tool execution completed");
        return says(context, "Logging test completed");
    }

    /**
     * {@code server-stateless} (2026-07-28): any result will do; the check is that the response
     * stream of the call holds no server-to-client request.
     */
    static final class StreamingElicitationDiagnostic implements Action<Empty, Text> {
        @Override
        public ActionDescriptor<Empty, Text> descriptor() {
            return fixture("test_streaming_elicitation", Empty.class, Text.class)
                    .description("Answers without asking the client anything.")
                    .build();
        }

        @Override
        public Text run(Empty input, ActionContext context) {
            return says(context, "No elicitation needed");
        }
    }

    enum ContactMethod {
        phone,
        email
    }

    record Address(@Optional String street, @Optional String city) {}

    record Contact(
            @Optional String name,
            @Optional Address address,
            @Optional ContactMethod contactMethod,
            @Optional String phone,
            @Optional String email) {}

    /**
     * {@code json-schema-2020-12}: the suite wants {@code $defs}, {@code $anchor}, composition and
     * conditionals kept in the input schema. A record gives properties, enums and {@code
     * additionalProperties:false}, no more, so the bundle ships the schema as
     * META-INF/actionport/schemas/json_schema_2020_12_tool.input.json, which replaces the generated one.
     */
    static final class JsonSchema202012 implements Action<Contact, Text> {
        @Override
        public ActionDescriptor<Contact, Text> descriptor() {
            return fixture("json_schema_2020_12_tool", Contact.class, Text.class)
                    .description("Takes a contact; its input schema is draft 2020-12.")
                    .build();
        }

        @Override
        public Text run(Contact input, ActionContext context) {
            return says(context, "ok");
        }
    }

    record Name(@Description("Who to greet.") String name) {}

    /** Tasks extension (unscored): a sync-only tool. */
    static final class Greet implements Action<Name, Text> {
        @Override
        public ActionDescriptor<Name, Text> descriptor() {
            return fixture("greet", Name.class, Text.class)
                    .description("Greets someone by name.")
                    .build();
        }

        @Override
        public Text run(Name input, ActionContext context) {
            return says(context, "Hello, " + input.name() + "!");
        }
    }

    record Computation(
            @Description("How long to compute, in seconds; 0 answers at once.")
            int seconds,

            @Description("A label that comes back in the result.")
            String label) {}

    /** Tasks extension (unscored): runs in the background for the given seconds; a cancel interrupts it. */
    static final class SlowCompute implements Action<Computation, Computation> {
        @Override
        public ActionDescriptor<Computation, Computation> descriptor() {
            return fixture("slow_compute", Computation.class, Computation.class)
                    .description("Computes for the given number of seconds, in the background.")
                    .mode(ExecutionMode.ASYNC)
                    .timeout(Duration.ofSeconds(90))
                    .build();
        }

        @Override
        public Computation run(Computation input, ActionContext context) throws InterruptedException {
            Thread.sleep(Duration.ofSeconds(input.seconds()));
            return input;
        }
    }

    /**
     * Tasks extension (unscored): a background tool that fails, which must end as a completed error
     * result; it runs only as a task, so a client without the extension gets -32021.
     */
    static final class FailingJob implements Action<Empty, Text> {
        @Override
        public ActionDescriptor<Empty, Text> descriptor() {
            return fixture("failing_job", Empty.class, Text.class)
                    .description("Fails in the background.")
                    .mode(ExecutionMode.ASYNC)
                    .requireTasks()
                    .build();
        }

        @Override
        public Text run(Empty input, ActionContext context) {
            throw new ActionException("job_failed", "This job intentionally fails for testing");
        }
    }

    /** Tasks extension (unscored): a background tool that crashes, which must end as a failed task. */
    static final class ProtocolErrorJob implements Action<Empty, Text> {
        @Override
        public ActionDescriptor<Empty, Text> descriptor() {
            return fixture("protocol_error_job", Empty.class, Text.class)
                    .description("Crashes in the background.")
                    .mode(ExecutionMode.ASYNC)
                    .build();
        }

        @Override
        public Text run(Empty input, ActionContext context) {
            throw new IllegalStateException("this job crashes on purpose, for testing");
        }
    }

    /** Tasks extension (unscored): a background tool that asks two questions at once. */
    static final class MultiInput implements Action<Empty, Text> {
        @Override
        public ActionDescriptor<Empty, Text> descriptor() {
            return fixture("multi_input", Empty.class, Text.class)
                    .description("Asks a name and a confirmation at once, in the background.")
                    .mode(ExecutionMode.ASYNC)
                    .build();
        }

        @Override
        public Text run(Empty input, ActionContext context) {
            var answers = context.askAll(
                    io.actionport.sdk.Ask.form("What is your name?", UserName.class),
                    io.actionport.sdk.Ask.form("Go on?", DeleteConfirmation.class));
            var name = answers.form(0, UserName.class);
            var confirmation = answers.form(1, DeleteConfirmation.class);
            return says(
                    context,
                    (name.accepted() ? name.content().name() : "stranger") + " said "
                            + (confirmation.accepted() ? confirmation.content().confirm() : "nothing"));
        }
    }

    /**
     * Tasks extension (unscored): asks a name before its task is created (a multi round-trip
     * request), then greets by that name in the background.
     */
    static final class AskThenRunAsTask implements Action<Empty, Text> {
        @Override
        public ActionDescriptor<Empty, Text> descriptor() {
            return fixture("test_tool_with_task", Empty.class, Text.class)
                    .description("Asks a name, then greets in the background.")
                    .mode(ExecutionMode.ASYNC)
                    .askBeforeRunning(input -> io.actionport.sdk.Ask.form("What is your name?", UserName.class))
                    .requireTasks()
                    .build();
        }

        @Override
        public Text run(Empty input, ActionContext context) {
            var answer = context.elicit("What is your name?", UserName.class);
            return says(
                    context, "Hello, " + (answer.accepted() ? answer.content().name() : "stranger") + "!");
        }
    }

    record Message(@Description("What to ask the user.") String message) {}

    record UserInfo(@Optional String username, @Optional String email) {}

    /** {@code tools-call-elicitation} (session era): asks the user through the client, then says what came back. */
    static final class Elicit implements Action<Message, Text> {
        @Override
        public ActionDescriptor<Message, Text> descriptor() {
            return fixture("test_elicitation", Message.class, Text.class)
                    .description("Asks the user for their information.")
                    .build();
        }

        @Override
        public Text run(Message input, ActionContext context) {
            var answer = context.elicit(input.message(), UserInfo.class);
            return says(
                    context,
                    "User response: " + answer.outcome().name().toLowerCase(java.util.Locale.ROOT)
                            + (answer.accepted() ? " " + answer.content() : ""));
        }
    }

    enum Status {
        active,
        inactive,
        pending
    }

    record WithDefaults(
            @Default("\"John Doe\"") String name,
            @Default("30") Integer age,
            @Default("95.5") Double score,
            @Default("\"active\"") Status status,
            @Default("true") Boolean verified) {}

    /** {@code elicitation-sep1034-defaults}: a form whose every field has a default. */
    static final class ElicitDefaults implements Action<Empty, Text> {
        @Override
        public ActionDescriptor<Empty, Text> descriptor() {
            return fixture("test_elicitation_sep1034_defaults", Empty.class, Text.class)
                    .description("Asks with defaults for every primitive type.")
                    .build();
        }

        @Override
        public Text run(Empty input, ActionContext context) {
            var answer = context.elicit("Please review your details", WithDefaults.class);
            return says(
                    context,
                    "Elicitation completed: action=" + answer.outcome().name().toLowerCase(java.util.Locale.ROOT)
                            + ", content=" + answer.content());
        }
    }

    record UserName(@Description("Your name.") String name) {}

    record Color(@Description("Your favorite color.") String color) {}

    record Confirm(@Description("Whether to go on.") Boolean ok) {}

    /** {@code input-required-result-*} (stateless era): one question, then a greeting. */
    static final class AskName implements Action<Empty, Text> {
        private final String name;

        AskName(String name) {
            this.name = name;
        }

        @Override
        public ActionDescriptor<Empty, Text> descriptor() {
            return fixture(name, Empty.class, Text.class)
                    .description("Asks for a name, then greets.")
                    .build();
        }

        @Override
        public Text run(Empty input, ActionContext context) {
            var answer = context.elicit("What is your name?", UserName.class);
            return says(
                    context, answer.accepted() ? "Hello, " + answer.content().name() + "!" : "No name given.");
        }
    }

    /** {@code input-required-result-request-state}: the answer arrives with the state the server signed. */
    static final class AskConfirmation implements Action<Empty, Text> {
        @Override
        public ActionDescriptor<Empty, Text> descriptor() {
            return fixture("test_input_required_result_request_state", Empty.class, Text.class)
                    .description("Asks for a confirmation carried with its request state.")
                    .build();
        }

        @Override
        public Text run(Empty input, ActionContext context) {
            var answer = context.elicit("Please confirm to continue", Confirm.class);
            return says(context, "state-ok: " + answer.outcome().name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** {@code input-required-result-multi-round}: two questions, one per round. */
    static final class AskTwice implements Action<Empty, Text> {
        @Override
        public ActionDescriptor<Empty, Text> descriptor() {
            return fixture("test_input_required_result_multi_round", Empty.class, Text.class)
                    .description("Asks a name, then a favorite color.")
                    .build();
        }

        @Override
        public Text run(Empty input, ActionContext context) {
            var name = context.elicit("Step 1: What is your name?", UserName.class);
            var color = context.elicit("Step 2: What is your favorite color?", Color.class);
            return says(
                    context,
                    (name.accepted() ? name.content().name() : "someone") + " likes "
                            + (color.accepted() ? color.content().color() : "no color"));
        }
    }

    record Prompt(@Description("What to ask the model.") String prompt) {}

    /** {@code tools-call-sampling} (session era): asks the client's model. */
    static final class Sample implements Action<Prompt, Text> {
        @Override
        public ActionDescriptor<Prompt, Text> descriptor() {
            return fixture("test_sampling", Prompt.class, Text.class)
                    .description("Asks the caller's model.")
                    .build();
        }

        @Override
        public Text run(Prompt input, ActionContext context) {
            return says(
                    context,
                    "LLM response: " + context.sample(input.prompt(), 100).text());
        }
    }

    /** {@code input-required-result-basic-sampling}. */
    static final class AskModel implements Action<Empty, Text> {
        @Override
        public ActionDescriptor<Empty, Text> descriptor() {
            return fixture("test_input_required_result_sampling", Empty.class, Text.class)
                    .description("Asks the caller's model a question.")
                    .build();
        }

        @Override
        public Text run(Empty input, ActionContext context) {
            return says(
                    context,
                    "The model said: "
                            + context.sample("What is the capital of France?", 100)
                                    .text());
        }
    }

    /** {@code input-required-result-basic-list-roots}. */
    static final class AskRoots implements Action<Empty, Text> {
        @Override
        public ActionDescriptor<Empty, Text> descriptor() {
            return fixture("test_input_required_result_list_roots", Empty.class, Text.class)
                    .description("Lists the caller's roots.")
                    .build();
        }

        @Override
        public Text run(Empty input, ActionContext context) {
            return says(context, "Found " + context.roots().size() + " root(s)");
        }
    }

    /** {@code input-required-result-capability-check}: asks only what the client declared. */
    static final class AskWhatIsDeclared implements Action<Empty, Text> {
        @Override
        public ActionDescriptor<Empty, Text> descriptor() {
            return fixture("test_input_required_result_capabilities", Empty.class, Text.class)
                    .description("Asks the user if it can, else the model.")
                    .build();
        }

        @Override
        public Text run(Empty input, ActionContext context) {
            try {
                var name = context.elicit("What is your name?", UserName.class);
                return says(
                        context, "Hello, " + (name.accepted() ? name.content().name() : "stranger") + "!");
            } catch (io.actionport.sdk.CallerCannotAnswerException cannot) {
                return says(
                        context,
                        "The model said: " + context.sample("Say hello", 50).text());
            }
        }
    }

    /** {@code server-stateless}: needs sampling; a client without it gets -32021 naming it. */
    static final class NeedsSampling implements Action<Empty, Text> {
        @Override
        public ActionDescriptor<Empty, Text> descriptor() {
            return fixture("test_missing_capability", Empty.class, Text.class)
                    .description("Needs the caller's model.")
                    .build();
        }

        @Override
        public Text run(Empty input, ActionContext context) {
            return says(
                    context,
                    "The model said: " + context.sample("Say hello", 20).text());
        }
    }

    record Filename(@Description("The file to delete.") String filename) {}

    record DeleteConfirmation(
            @Description("Whether to delete.") Boolean confirm) {}

    /** Tasks extension (unscored): a background tool that parks on one elicitation until tasks/update answers it. */
    static final class ConfirmDelete implements Action<Filename, Text> {
        @Override
        public ActionDescriptor<Filename, Text> descriptor() {
            return ActionDescriptor.builder(INTEGRATION, "confirm_delete", Filename.class, Text.class)
                    .description("Deletes a file after the user confirms.")
                    .hints(new ActionHints(false, false, true, false))
                    .mode(ExecutionMode.ASYNC)
                    .build();
        }

        @Override
        public Text run(Filename input, ActionContext context) {
            var answer = context.elicit("Delete " + input.filename() + "?", DeleteConfirmation.class);
            var confirmed =
                    answer.accepted() && Boolean.TRUE.equals(answer.content().confirm());
            return says(context, confirmed ? "Deleted " + input.filename() : "Kept " + input.filename());
        }
    }

    /** The registry the fixtures below change, as an operator's deploy does; set by the test that serves them. */
    static volatile io.actionport.server.registry.ActionRegistry registry;

    /**
     * {@code server-stateless}: each call deploys, or undeploys again, a bundle with one more
     * tool and one more prompt, so the tool and prompt lists change (what a deploy does).
     */
    static final class TriggerListChange implements Action<Empty, Text> {
        private static final java.util.concurrent.atomic.AtomicBoolean deployed =
                new java.util.concurrent.atomic.AtomicBoolean();
        private final String name;

        TriggerListChange(String name) {
            this.name = name;
        }

        @Override
        public ActionDescriptor<Empty, Text> descriptor() {
            return fixture(name, Empty.class, Text.class)
                    .description("Changes the tool and prompt lists.")
                    .build();
        }

        @Override
        public Text run(Empty input, ActionContext context) {
            synchronized (deployed) {
                if (deployed.getAndSet(!deployed.get())) {
                    registry.undeploy("dev", "conformance-extra");
                } else {
                    registry.deploy(
                            "dev",
                            Bundle.of("conformance-extra", new ExtraOfferings(), new ExtraTool()),
                            java.util.List.of());
                }
            }
            return says(context, "The lists changed.");
        }
    }

    /** The tool a list change adds. */
    static final class ExtraTool implements Action<Empty, Text> {
        @Override
        public ActionDescriptor<Empty, Text> descriptor() {
            return fixture("extra_tool", Empty.class, Text.class)
                    .description("Appears and disappears with list changes.")
                    .build();
        }

        @Override
        public Text run(Empty input, ActionContext context) {
            return says(context, "extra");
        }
    }

    /** The prompt a list change adds. */
    public static final class ExtraOfferings implements io.actionport.sdk.PromptsAndResources {
        @Override
        public java.util.List<io.actionport.sdk.Prompt> prompts() {
            return java.util.List.of(io.actionport.sdk.Prompt.builder("extra_prompt")
                    .description("Appears and disappears with list changes.")
                    .messages(arguments -> java.util.List.of(io.actionport.sdk.PromptMessage.user("extra")))
                    .build());
        }
    }

    /** {@code elicitation-sep1330-enums}: a form with every kind of enum, given as a schema. */
    static final class ElicitEnums implements Action<Empty, Text> {
        @Override
        public ActionDescriptor<Empty, Text> descriptor() {
            return fixture("test_elicitation_sep1330_enums", Empty.class, Text.class)
                    .description("Asks with every enum variant of an elicitation form.")
                    .build();
        }

        @Override
        public Text run(Empty input, ActionContext context) {
            var titled = java.util.List.of(
                    java.util.Map.of("const", "value1", "title", "First Option"),
                    java.util.Map.of("const", "value2", "title", "Second Option"),
                    java.util.Map.of("const", "value3", "title", "Third Option"));
            var options = java.util.List.of("option1", "option2", "option3");
            var properties = new java.util.LinkedHashMap<String, Object>();
            properties.put("untitledSingle", java.util.Map.of("type", "string", "enum", options));
            properties.put("titledSingle", java.util.Map.of("type", "string", "oneOf", titled));
            properties.put(
                    "legacyEnum",
                    java.util.Map.of(
                            "type",
                            "string",
                            "enum",
                            java.util.List.of("opt1", "opt2", "opt3"),
                            "enumNames",
                            java.util.List.of("Option One", "Option Two", "Option Three")));
            properties.put(
                    "untitledMulti",
                    java.util.Map.of("type", "array", "items", java.util.Map.of("type", "string", "enum", options)));
            properties.put(
                    "titledMulti", java.util.Map.of("type", "array", "items", java.util.Map.of("anyOf", titled)));
            var answer = context.elicit(
                    "Please choose", java.util.Map.<String, Object>of("type", "object", "properties", properties));
            return says(
                    context,
                    "Elicitation completed: action=" + answer.outcome().name().toLowerCase(java.util.Locale.ROOT)
                            + ", content=" + answer.content());
        }
    }

    /** {@code input-required-result-multiple-input-requests}: a form, a prompt and the roots in one round. */
    static final class AskThreeAtOnce implements Action<Empty, Text> {
        @Override
        public ActionDescriptor<Empty, Text> descriptor() {
            return fixture("test_input_required_result_multiple_inputs", Empty.class, Text.class)
                    .description("Asks a name, the model and the roots at once.")
                    .build();
        }

        @Override
        public Text run(Empty input, ActionContext context) {
            var answers = context.askAll(
                    io.actionport.sdk.Ask.form("What is your name?", UserName.class),
                    io.actionport.sdk.Ask.sample("Generate a greeting", 50),
                    io.actionport.sdk.Ask.roots());
            var name = answers.form(0, UserName.class);
            return says(
                    context,
                    answers.sampled(1).text() + " "
                            + (name.accepted() ? name.content().name() : "stranger") + " ("
                            + answers.roots(2).size() + " root(s))");
        }
    }

    record Routed(
            @io.actionport.sdk.McpHeader("Region") @Description("Where to route.")
            String region) {}

    /** {@code http-custom-header-server-validation}: a string argument mirrored in a header. */
    static final class RoutedEcho implements Action<Routed, Text> {
        @Override
        public ActionDescriptor<Routed, Text> descriptor() {
            return fixture("test_custom_header", Routed.class, Text.class)
                    .description("Echoes the region it was routed with.")
                    .build();
        }

        @Override
        public Text run(Routed input, ActionContext context) {
            return says(context, "Routed to " + input.region());
        }
    }
}
