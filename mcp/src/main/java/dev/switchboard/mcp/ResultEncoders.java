package dev.switchboard.mcp;

import dev.switchboard.mcp.codec.JsonRpcCodec;
import dev.switchboard.mcp.protocol.RequestId;
import dev.switchboard.mcp.protocol.Tools;
import java.util.Map;

/*
 * Builds, before any client arrives, the Jackson serializers an in-process tool's answer needs.
 * Why: measured on a fresh gateway JVM (FirstCallStages, scenario local-then-agent), the first
 * call of an in-process tool took 12.8-22.2 ms, 8-15 ms of it in the handler's stage, with 9
 * classes loaded during it: the CallToolResult serializer and its content's (ToolResults, Jackson's
 * type serializers), which Jackson builds per mapper at first use. Encoding three sample results
 * (text, structured, error) through the server's own codec builds them; no tool's code runs. An
 * agent's results are forwarded as the agent wrote them and never took this path, so the gateway's
 * start-up warm-up did not cover it. Each tool's argument type is prepared where its invoker is
 * made (Registry.invoker).
 */
final class ResultEncoders {
    private ResultEncoders() {}

    static void prepare(JsonRpcCodec codec) {
        RequestId id = RequestId.of(0);
        codec.encodeResult(id, ToolResults.from("x", codec.mapper()));
        codec.encodeResult(id, ToolResults.from(Map.of("x", 1), codec.mapper()));
        codec.encodeResult(id, Tools.CallToolResult.error("x"));
    }
}
