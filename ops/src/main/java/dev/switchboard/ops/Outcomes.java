package dev.switchboard.ops;

/**
 * The outcome label of an ended request: a short word per JSON-RPC error, so dashboards group by
 * cause; {@code ok}, {@code tool_error} (a tool result with {@code isError: true}) and
 * {@code cancelled} pass through as they are.
 */
final class Outcomes {
    private Outcomes() {}

    static String label(String outcome, int errorCode) {
        if (!outcome.equals("error")) return outcome;
        return switch (errorCode) {
            case -32700 -> "parse_error";
            case -32600 -> "invalid_request";
            case -32601 -> "method_not_found";
            case -32602 -> "invalid_params";
            case -32603 -> "internal_error";
            case -32000 -> "overloaded";
            case -32001 -> "denied";
            default -> "error";
        };
    }
}
