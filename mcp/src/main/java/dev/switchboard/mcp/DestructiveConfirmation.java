package dev.switchboard.mcp;

import dev.switchboard.mcp.protocol.Elicitation;
import dev.switchboard.mcp.protocol.JsonRpc;
import dev.switchboard.mcp.protocol.Tools;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

// Why: a tool that says it may destroy something (destructiveHint: true, not readOnlyHint) should
// not run on a model's say-so alone when the operator asks for a person's confirmation. The ask
// goes through Context.ask, so a session client gets elicitation/create and a stateless
// (2026-07-28) client an input_required round whose retry carries the answer; it happens before a
// task is created or the handler runs, so a refused call has done nothing.
final class DestructiveConfirmation {
    /** The JSON-RPC code of a call the user did not confirm, or that could not be confirmed. */
    static final int NOT_CONFIRMED = -32003;
    static final String KEY = "io.switchboard/confirm-destructive";

    private final FrameRules.Confirm policy;

    DestructiveConfirmation(FrameRules.Confirm policy) {
        this.policy = policy;
    }

    /** Returns when {@code tool} may run in {@code context}; throws the JSON-RPC error that answers the call otherwise. */
    void confirm(Tools.Tool tool, Context context) {
        if (policy == FrameRules.Confirm.NEVER || !destructive(tool)) return;
        if (policy == FrameRules.Confirm.BY_RISK && context.frame().risk() == ContextFrame.Risk.HIGH) return;
        String name = tool.name();
        InputResponses answers;
        try {
            answers = context.ask(Map.of(KEY, InputRequest.elicit("The tool '" + name + "' may make destructive changes. Run it?", schema(name))));
        } catch (McpException e) {
            if (e.error().code() != JsonRpc.INVALID_REQUEST) throw e; // a client that cannot be asked; anything else passes as it is
            throw new McpException(JsonRpc.Error.of(NOT_CONFIRMED, "Confirmation required: tool '" + name + "' is destructive and auth.confirmDestructive="
                    + policy.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " requires the user's confirmation before it runs, which this request cannot give ("
                    + e.getMessage() + "); connect with a client that declares the elicitation capability"
                    + (policy == FrameRules.Confirm.BY_RISK ? ", or with a token that allows risk 'high'" : ""))
                    .withData(data(name, "unavailable")));
        }
        Elicitation.ElicitResult r = answers.elicitation(KEY);
        JsonNode confirmed = r.content() == null ? null : r.content().get("confirm");
        if (r.action() == Elicitation.Action.ACCEPT && confirmed != null && confirmed.isBoolean() && confirmed.asBoolean()) return;
        String what = r.action() == Elicitation.Action.ACCEPT ? "did not confirm" : r.action() == Elicitation.Action.DECLINE ? "declined" : "cancelled";
        throw new McpException(JsonRpc.Error.of(NOT_CONFIRMED, "Not confirmed: the user " + what + " running the destructive tool '" + name + "'; it did not run")
                .withData(data(name, r.action().name().toLowerCase(java.util.Locale.ROOT))));
    }

    static boolean destructive(Tools.Tool tool) {
        Tools.ToolAnnotations a = tool.annotations();
        return a != null && Boolean.TRUE.equals(a.destructiveHint()) && !Boolean.TRUE.equals(a.readOnlyHint());
    }

    private static ObjectNode schema(String tool) {
        ObjectNode s = JsonNodeFactory.instance.objectNode().put("type", "object");
        s.putObject("properties").putObject("confirm").put("type", "boolean").put("title", "Run " + tool)
                .put("description", "Confirm that the destructive tool '" + tool + "' may run");
        s.putArray("required").add("confirm");
        return s;
    }

    private static ObjectNode data(String tool, String answer) {
        return JsonNodeFactory.instance.objectNode().put("tool", tool).put("confirmation", answer);
    }
}
