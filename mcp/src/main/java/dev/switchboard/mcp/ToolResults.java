package dev.switchboard.mcp;

import dev.switchboard.mcp.codec.RawResult;
import dev.switchboard.mcp.protocol.Content;
import dev.switchboard.mcp.protocol.Tools;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Turns what a tool handler returned into a {@code tools/call} result (see {@link ToolHandler}). */
final class ToolResults {
    private ToolResults() {}

    static Tools.CallToolResult from(Object value, JsonMapper mapper) {
        return switch (value) {
            case null -> new Tools.CallToolResult(List.of(), null, null, null);
            case Tools.CallToolResult r -> r;
            case RawResult raw -> parsed(raw, mapper);
            case String s -> Tools.CallToolResult.text(s);
            case Content c -> Tools.CallToolResult.of(c);
            case List<?> list when !list.isEmpty() && list.stream().allMatch(Content.class::isInstance) -> {
                List<Content> blocks = new ArrayList<>(list.size());
                for (Object o : list) blocks.add((Content) o);
                yield new Tools.CallToolResult(blocks, null, null, null);
            }
            case Number n -> Tools.CallToolResult.text(n.toString());
            case Boolean b -> Tools.CallToolResult.text(b.toString());
            default -> structured(value, mapper);
        };
    }

    /** A forwarded result read as a record, where the server must look inside it (an output schema, a task's stored result). */
    private static Tools.CallToolResult parsed(RawResult raw, JsonMapper mapper) {
        try {
            return mapper.readValue(raw.json(), Tools.CallToolResult.class);
        } catch (tools.jackson.core.JacksonException e) {
            throw new IllegalArgumentException("the tool's result is not a CallToolResult: " + e.getOriginalMessage(), e);
        }
    }

    private static Tools.CallToolResult structured(Object value, JsonMapper mapper) {
        JsonNode tree = mapper.valueToTree(value);
        if (tree instanceof ObjectNode object) return Tools.CallToolResult.structured(object, mapper.writeValueAsString(object));
        // structuredContent must be an object; anything else travels as its JSON text only
        return Tools.CallToolResult.text(mapper.writeValueAsString(tree));
    }
}
