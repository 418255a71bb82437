package io.actionport.catalog;

import io.actionport.sdk.ProviderClient;
import io.actionport.sdk.ProviderRequest;
import io.actionport.sdk.ProviderResponse;
import io.actionport.sdk.testing.RecordedResponses;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The recorded provider answers under {@code src/test/resources/fixtures}, and what an action sent to them. */
public final class Fixtures implements ProviderClient {

    private final RecordedResponses recorded;
    private final List<ProviderRequest> sent = new CopyOnWriteArrayList<>();

    private Fixtures(RecordedResponses recorded) {
        this.recorded = recorded;
    }

    /** The path of a fixture, e.g. {@code github/create-issue.json}. */
    public static Path path(String name) {
        return Path.of("src/test/resources/fixtures", name);
    }

    /** A provider answering from a fixture that keeps each request it was sent. */
    public static Fixtures recording(String name) {
        return new Fixtures(RecordedResponses.from(path(name)));
    }

    @Override
    public ProviderResponse send(ProviderRequest request) {
        sent.add(request);
        return recorded.send(request);
    }

    /** The requests sent so far, in order. */
    public List<ProviderRequest> sent() {
        return List.copyOf(sent);
    }
}
