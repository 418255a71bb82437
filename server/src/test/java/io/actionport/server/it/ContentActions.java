package io.actionport.server.it;

import io.actionport.sdk.Action;
import io.actionport.sdk.ActionContext;
import io.actionport.sdk.ActionDescriptor;
import io.actionport.sdk.ActionHints;
import io.actionport.sdk.Content;
import io.actionport.sdk.Description;
import io.actionport.sdk.ExecutionMode;
import java.time.Duration;

/** Actions on the {@code fake} integration that return content or log lines, for the MCP content tests. */
final class ContentActions {

    private ContentActions() {}

    /** An async-when-slow read that answers within its budget with an image beside its output. */
    static final class QuickChart implements Action<Illustrated.Topic, Illustrated.Summary> {
        @Override
        public ActionDescriptor<Illustrated.Topic, Illustrated.Summary> descriptor() {
            return ActionDescriptor.builder("fake", "quick-chart", Illustrated.Topic.class, Illustrated.Summary.class)
                    .description("Draws a chart, usually fast.")
                    .hints(ActionHints.READ)
                    .mode(ExecutionMode.ASYNC_WHEN_SLOW)
                    .syncBudget(Duration.ofSeconds(10))
                    .build();
        }

        @Override
        public Illustrated.Summary run(Illustrated.Topic input, ActionContext context) {
            context.addContent(Content.image(Illustrated.PNG, "image/png"));
            return new Illustrated.Summary(input.topic(), 1);
        }
    }

    record Size(@Description("Bytes of the image.") int bytes) {}

    /** Returns a small output and an image of the asked size; 1.6 MB is 2.1 MB as base64, over the cap. */
    static final class BigChart implements Action<Size, Size> {
        @Override
        public ActionDescriptor<Size, Size> descriptor() {
            return ActionDescriptor.builder("fake", "big-chart", Size.class, Size.class)
                    .description("Draws a chart of the asked size.")
                    .hints(ActionHints.READ)
                    .build();
        }

        @Override
        public Size run(Size input, ActionContext context) {
            var image = new byte[input.bytes()];
            image[image.length - 1] = 42;
            context.addContent(Content.image(image, "image/png"));
            return input;
        }
    }

    /** Logs one line at each level, the info line with the connection's token, and returns no content. */
    static final class Talkative implements Action<TestActions.Text, TestActions.Text> {
        @Override
        public ActionDescriptor<TestActions.Text, TestActions.Text> descriptor() {
            return ActionDescriptor.builder("fake", "talkative", TestActions.Text.class, TestActions.Text.class)
                    .description("Says what it does.")
                    .hints(ActionHints.READ)
                    .build();
        }

        @Override
        public TestActions.Text run(TestActions.Text input, ActionContext context) {
            context.log().debug("looking at {}", input.text());
            context.log().info("fetching {} with token {}", input.text(), TestServer.FAKE_TOKEN);
            context.log().warn("{} is nearly full", input.text());
            context.log().error("{} could not be read", input.text());
            return input;
        }
    }
}
