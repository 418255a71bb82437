package io.actionport.server.it;

import io.actionport.sdk.Action;
import io.actionport.sdk.ActionContext;
import io.actionport.sdk.ActionDescriptor;
import io.actionport.sdk.ActionHints;
import io.actionport.sdk.Content;
import io.actionport.sdk.Description;
import java.nio.charset.StandardCharsets;

/**
 * A read on the {@code fake} integration that returns one content block of each kind beside its
 * output. It uses nothing but the SDK, so it can also be deployed as a bundle jar ({@link BundleJar}).
 */
public final class Illustrated implements Action<Illustrated.Topic, Illustrated.Summary> {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
    static final byte[] WAV = "RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1);
    static final byte[] CSV_GZ = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0};

    public record Topic(@Description("What to illustrate.") String topic) {}

    public record Summary(String topic, int blocks) {}

    @Override
    public ActionDescriptor<Topic, Summary> descriptor() {
        return ActionDescriptor.builder("fake", "illustrated", Topic.class, Summary.class)
                .description("Summarises a topic with a chart, a sound, a report and a link.")
                .hints(ActionHints.READ)
                .build();
    }

    @Override
    public Summary run(Topic input, ActionContext context) {
        context.addContent(
                Content.text("Chart of " + input.topic()),
                Content.image(PNG, "image/png"),
                Content.audio(WAV, "audio/wav"));
        context.addContent(
                Content.resource("https://example.com/reports/" + input.topic() + ".txt", "text/plain", "all good"),
                Content.resource(
                        "https://example.com/reports/" + input.topic() + ".csv.gz", "application/gzip", CSV_GZ),
                Content.link(
                        "https://example.com/reports/" + input.topic() + ".pdf",
                        input.topic() + ".pdf",
                        "Full report",
                        "The whole report, 40 pages",
                        "application/pdf"));
        return new Summary(input.topic(), 6);
    }
}
