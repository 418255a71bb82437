package io.actionport.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every async execution's end asks whether its environment has a webhook: a node reads it from
 * the store at most once a second, sees its own changes at once and another node's within that
 * second.
 */
class WebhookPresenceTest {

    @TempDir
    Path dataDir;

    @Test
    void a_webhook_set_here_counts_at_once_and_one_set_by_another_node_within_a_second() {
        var cipher = SecretCipher.withKey(new byte[32]);
        try (var database = Database.openEmbedded(dataDir)) {
            new EnvironmentStore(database, Clock.systemUTC()).create("shop");
            var here = new WebhookStore(database, cipher, Clock.systemUTC());
            var elsewhere = new WebhookStore(database, cipher, Clock.systemUTC());
            assertThat(here.isSet("shop")).isFalse();

            elsewhere.set("shop", new WebhookStore.Webhook("http://127.0.0.1:9/hook", "secret"));
            assertThat(here.isSet("shop"))
                    .as("what this node read a moment ago")
                    .isFalse();
            await().atMost(WebhookStore.PRESENCE_KEPT.plusSeconds(1))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> here.isSet("shop"));

            here.remove("shop");
            assertThat(here.isSet("shop")).as("removed on this node").isFalse();
            here.set("shop", new WebhookStore.Webhook("http://127.0.0.1:9/hook", "secret"));
            assertThat(here.isSet("shop")).as("set on this node").isTrue();
        }
    }
}
