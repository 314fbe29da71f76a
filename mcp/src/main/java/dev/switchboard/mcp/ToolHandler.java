package dev.switchboard.mcp;

import dev.switchboard.mcp.protocol.Content;
import dev.switchboard.mcp.protocol.Tools;

/**
 * A tool's code. {@code A} is the arguments' type: a record whose JSON Schema is generated, or
 * {@link tools.jackson.databind.node.ObjectNode} for raw arguments. The return value becomes the
 * result: a {@link String} is one text block, a {@link Content} or a list of them is used as is, a
 * {@link Tools.CallToolResult} is sent unchanged, a {@link dev.switchboard.mcp.codec.RawResult} (a
 * CallToolResult's JSON text, e.g. another server's answer being forwarded) is written into the
 * response as it is (read and checked only when the tool has an output schema), and any other object becomes
 * {@code structuredContent} (and its JSON as text). A throw becomes a result with
 * {@code isError: true} carrying the message, which the model can read and act on; a thrown
 * {@link McpException#callError} answers with its JSON-RPC error instead.
 */
@FunctionalInterface
public interface ToolHandler<A> {
    Object call(A arguments, Context context) throws Exception;
}
