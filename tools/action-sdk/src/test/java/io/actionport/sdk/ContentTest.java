package io.actionport.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actionport.sdk.testing.ActionTestKit;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ContentTest {

    @Test
    void an_image_holds_its_bytes_base64_encoded_as_mcp_sends_them() {
        var image = (Content.Image) Content.image(new byte[] {1, 2, 3}, "image/png");

        assertThat(image.base64()).isEqualTo("AQID");
        assertThat(image).isEqualTo(Content.image(new byte[] {1, 2, 3}, "image/png"));
    }

    @Test
    void an_image_with_a_mime_type_that_is_not_an_image_is_refused() {
        assertThatThrownBy(() -> Content.image(new byte[] {1}, "text/plain"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Content.image: mimeType must be a MIME type starting with image/, was 'text/plain'");
        assertThatThrownBy(() -> Content.audio(new byte[] {1}, null))
                .hasMessage("Content.audio: mimeType must be a MIME type starting with audio/, was null");
    }

    @Test
    void a_resource_needs_an_absolute_uri_and_either_text_or_bytes() {
        assertThatThrownBy(() -> Content.resource("report.txt", "text/plain", "hi"))
                .hasMessage("Content.resource: uri must be an absolute URI such as https://example.com/report.csv, "
                        + "was 'report.txt'");
        assertThatThrownBy(() -> new Content.Resource("file:///r.txt", null, "hi", "aGk="))
                .hasMessage("Content.resource file:///r.txt: has both text and bytes; give one");
        assertThatThrownBy(() -> new Content.Resource("file:///r.txt", null, null, "not base64!"))
                .hasMessageStartingWith("Content.resource: base64 is not valid base64");
    }

    @Test
    void a_link_needs_a_name() {
        assertThatThrownBy(() -> Content.link("https://example.com/r.pdf", " "))
                .hasMessage("Content.link https://example.com/r.pdf: needs a name, e.g. the file name");
        assertThat(Content.link("https://example.com/r.pdf", "r.pdf"))
                .isEqualTo(new Content.Link("https://example.com/r.pdf", "r.pdf", null, null, null));
    }

    @Test
    void the_test_kit_returns_the_content_an_action_added() {
        var run = ActionTestKit.run(new Charted(), new Charted.Query("q3"), request -> {
            throw new AssertionError("no provider call expected");
        });

        assertThat(run.output()).isEqualTo(new Charted.Query("q3"));
        assertThat(run.content())
                .containsExactly(
                        Content.text("q3"),
                        new Content.Image(Base64.getEncoder().encodeToString(new byte[] {7}), "image/png"));
    }

    static final class Charted implements Action<Charted.Query, Charted.Query> {
        record Query(String topic) {}

        @Override
        public ActionDescriptor<Query, Query> descriptor() {
            return ActionDescriptor.builder("test", "charted", Query.class, Query.class)
                    .description("Charts a topic.")
                    .build();
        }

        @Override
        public Query run(Query input, ActionContext context) {
            context.addContent(Content.text(input.topic()), Content.image(new byte[] {7}, "image/png"));
            return input;
        }
    }
}
