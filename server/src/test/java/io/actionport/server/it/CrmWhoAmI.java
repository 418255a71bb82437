package io.actionport.server.it;

import io.actionport.sdk.Action;
import io.actionport.sdk.ActionContext;
import io.actionport.sdk.ActionDescriptor;
import io.actionport.sdk.ActionHints;
import io.actionport.sdk.Description;

/** {@code crm/who-am-i}: asks the provider whose token the connection holds. */
public final class CrmWhoAmI implements Action<CrmWhoAmI.Empty, CrmWhoAmI.Me> {

    public record Empty() {}

    public record Me(
            @Description("Whom the connection's token belongs to.")
            String name) {}

    @Override
    public ActionDescriptor<Empty, Me> descriptor() {
        return ActionDescriptor.builder("crm", "who-am-i", Empty.class, Me.class)
                .description("Reads the connected user.")
                .hints(ActionHints.READ)
                .build();
    }

    @Override
    public Me run(Empty input, ActionContext context) {
        return context.provider().getJson("/me", Me.class);
    }
}
