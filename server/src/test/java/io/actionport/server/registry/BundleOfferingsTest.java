package io.actionport.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actionport.sdk.Action;
import io.actionport.sdk.ActionContext;
import io.actionport.sdk.ActionDescriptor;
import io.actionport.sdk.ActionHints;
import io.actionport.sdk.Prompt;
import io.actionport.sdk.PromptMessage;
import io.actionport.sdk.PromptsAndResources;
import io.actionport.sdk.ResourceTemplate;
import io.actionport.sdk.StaticResource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a bundle may offer besides tools, and how deploys and undeploys change what an environment offers. */
class BundleOfferingsTest {

    record Id(String id) {}

    static final class Read implements Action<Id, Id> {
        @Override
        public ActionDescriptor<Id, Id> descriptor() {
            return ActionDescriptor.builder("things", "read-thing", Id.class, Id.class)
                    .description("Reads a thing.")
                    .hints(ActionHints.READ)
                    .build();
        }

        @Override
        public Id run(Id input, ActionContext context) {
            return input;
        }
    }

    static final class Write implements Action<Id, Id> {
        @Override
        public ActionDescriptor<Id, Id> descriptor() {
            return ActionDescriptor.builder("things", "write-thing", Id.class, Id.class)
                    .description("Writes a thing.")
                    .build();
        }

        @Override
        public Id run(Id input, ActionContext context) {
            return input;
        }
    }

    static PromptsAndResources offering(String prompt, String resourceUri, ResourceTemplate... templates) {
        return new PromptsAndResources() {
            @Override
            public List<Prompt> prompts() {
                return List.of(Prompt.builder(prompt)
                        .description("A prompt.")
                        .messages(arguments -> List.of(PromptMessage.user("hi")))
                        .build());
            }

            @Override
            public List<StaticResource> resources() {
                return List.of(StaticResource.text(resourceUri, "r", "text/plain", "r"));
            }

            @Override
            public List<ResourceTemplate> resourceTemplates() {
                return List.of(templates);
            }
        };
    }

    @Test
    void a_template_is_bound_to_the_qualified_name_of_its_read_only_action() {
        var bundle = Bundle.of(
                "things",
                offering("p", "things://readme", ResourceTemplate.of("things://{id}", "thing", "read-thing")),
                new Read());

        assertThat(bundle.offerings().templates())
                .extracting(BundleOfferings.BoundTemplate::action)
                .containsExactly("things/read-thing");
    }

    @Test
    void a_template_read_by_a_write_is_refused() {
        assertThatThrownBy(() -> Bundle.of(
                        "things",
                        offering("p", "things://readme", ResourceTemplate.of("things://{id}", "thing", "write-thing")),
                        new Write()))
                .isInstanceOf(DeploymentConflictException.class)
                .hasMessage("resource template things://{id} of bundle 'things' is read by things/write-thing, which"
                        + " is not read-only: reading a resource must change nothing (ActionHints.READ)");
    }

    @Test
    void a_template_naming_an_action_the_bundle_lacks_is_refused() {
        assertThatThrownBy(() -> Bundle.of(
                        "things",
                        offering("p", "things://readme", ResourceTemplate.of("things://{id}", "thing", "nope")),
                        new Read()))
                .isInstanceOf(DeploymentConflictException.class)
                .hasMessageContaining("names action 'nope', which the bundle has not");
    }

    @Test
    void a_template_without_variables_is_refused_at_declaration() {
        assertThatThrownBy(() -> ResourceTemplate.of("things://all", "all", "read-thing"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("resource template things://all has no variables; declare a StaticResource instead");
    }

    @Test
    void two_bundles_cannot_offer_one_prompt_name_and_the_second_deploy_leaves_no_trace() {
        var registry = new ActionRegistry();
        registry.deploy("dev", Bundle.of("first", offering("shared", "first://readme"), new Read()), List.of());

        assertThatThrownBy(() -> registry.deploy(
                        "dev", Bundle.of("second", offering("shared", "second://readme"), new Write()), List.of()))
                .isInstanceOf(DeploymentConflictException.class)
                .hasMessage("prompt 'shared' is already offered in dev by bundle 'first'; undeploy that bundle"
                        + " first, or rename it in 'second'");
        assertThat(registry.offerings("dev")).containsOnlyKeys("first");
        assertThat(registry.actions("dev")).extracting(DeployedAction::name).containsExactly("read-thing");
    }

    @Test
    void a_redeploy_replaces_the_bundles_offerings_and_an_undeploy_removes_them() {
        var registry = new ActionRegistry();
        var changes = new java.util.ArrayList<String>();
        registry.onChange(changes::add);
        registry.deploy("dev", Bundle.of("things", offering("old", "things://old"), new Read()), List.of());
        registry.deploy("dev", Bundle.of("things", offering("new", "things://new"), new Read()), List.of());

        assertThat(registry.offerings("dev").get("things").prompts())
                .extracting(Prompt::name)
                .containsExactly("new");

        assertThat(registry.undeploy("dev", "things")).isTrue();
        assertThat(registry.offerings("dev")).isEmpty();
        assertThat(changes).containsExactly("dev", "dev", "dev");
    }
}
