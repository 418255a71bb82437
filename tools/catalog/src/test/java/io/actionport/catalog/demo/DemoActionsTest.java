package io.actionport.catalog.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actionport.sdk.ProviderException;
import io.actionport.sdk.testing.ActionTestKit;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The demo actions against provider responses recorded with {@code actionport dryrun --save-responses}. */
class DemoActionsTest {

    @Test
    void create_issue_returns_the_new_issues_id_and_url() {
        var output = ActionTestKit.replay(
                new CreateIssue(),
                new CreateIssue.Input("Checkout fails on Safari", null),
                Path.of("src/test/resources/fixtures/create-issue.json"));

        assertThat(output).isEqualTo(new CreateIssue.Output(12, "http://127.0.0.1:8787/demo-provider/issues/12"));
    }

    @Test
    void list_issues_reports_the_providers_refusal() {
        assertThatThrownBy(() -> ActionTestKit.replay(
                        new ListIssues(),
                        new ListIssues.Input(null, null),
                        Path.of("src/test/resources/fixtures/list-issues.json")))
                .isInstanceOf(ProviderException.class)
                .hasMessage("provider answered 401 to GET /issues: {\"message\":\"invalid API key\"}");
    }

    @Test
    void echo_needs_no_provider() {
        var run = ActionTestKit.run(new Echo(), new Echo.Input("hi"), request -> {
            throw new AssertionError("echo must not call the provider");
        });

        assertThat(run.output()).isEqualTo(new Echo.Output("hi"));
    }
}
