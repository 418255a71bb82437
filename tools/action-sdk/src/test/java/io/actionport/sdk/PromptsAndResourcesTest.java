package io.actionport.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a bundle may declare as prompts and resources, refused at declaration when it cannot work. */
class PromptsAndResourcesTest {

    @Test
    void a_template_lists_its_variables_in_order() {
        var template = ResourceTemplate.of("github://{owner}/{repo}/issues/{number}", "issue", "get-issue");

        assertThat(template.variables()).containsExactly("owner", "repo", "number");
    }

    @Test
    void a_template_with_a_repeated_or_complex_variable_is_refused() {
        assertThatThrownBy(() -> ResourceTemplate.of("x://{id}/{id}", "x", "read"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("resource template x://{id}/{id} uses a variable twice; each fills one input field");
        assertThatThrownBy(() -> ResourceTemplate.of("x://{+path}", "x", "read"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("resource template x://{+path} may only use simple variables such as {number}"
                        + " (letters, digits, '_')");
    }

    @Test
    void a_prompt_needs_a_description_and_distinct_argument_names() {
        assertThatThrownBy(() -> Prompt.builder("p").messages(args -> List.of()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("prompt p needs a description: users choose prompts by it");
        assertThatThrownBy(() -> Prompt.builder("p")
                        .description("d")
                        .argument(PromptArgument.required("a", null))
                        .argument(PromptArgument.optional("a", null))
                        .messages(args -> List.of())
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("prompt p has two arguments named 'a'");
    }

    @Test
    void a_prompt_message_cannot_be_a_link() {
        assertThatThrownBy(() -> PromptMessage.user(Content.link("https://example.com/a.pdf", "a.pdf")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a prompt message cannot be a link; embed the resource with Content.resource instead");
    }

    @Test
    void a_static_resource_has_its_text_or_its_bytes() {
        assertThat(StaticResource.bytes("x://logo", "logo.png", "image/png", new byte[] {1, 2})
                        .base64())
                .isEqualTo("AQI=");
        assertThatThrownBy(() -> new StaticResource("x://r", "r", null, null, "text/plain", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("resource x://r needs its text or its bytes, not both");
    }
}
