package dev.switchboard.mcp;

import dev.switchboard.mcp.protocol.Elicitation;
import dev.switchboard.mcp.protocol.JsonRpc;
import dev.switchboard.mcp.protocol.Roots;
import dev.switchboard.mcp.protocol.Sampling;
import dev.switchboard.mcp.codec.JsonRpcCodec;
import dev.switchboard.mcp.protocol.ClientCapabilities;
import dev.switchboard.mcp.protocol.LoggingLevel;
import dev.switchboard.mcp.protocol.ProgressToken;
import dev.switchboard.tasks.TaskRun;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/*
 * The Context a tool handler sees when it runs as a task. The handler is the same blocking code
 * as for a plain call; what differs is where its asks go: an input round (elicit, sample, roots,
 * ask) turns the task input_required with the requests in inputRequests, and the handler resumes
 * when tasks/update (or, in 2025-11-25, the client's answers on the tasks/result stream) answers
 * them. Progress becomes the task's status message, since a task outlives the request that made
 * it; log messages have no request stream to travel on and are dropped.
 */
final class TaskContext implements Context {
    private final TaskRun run;
    private final JsonRpcCodec codec;
    private final Duration clientTimeout;
    private final SessionInfo session;
    private int asks;

    TaskContext(TaskRun run, JsonRpcCodec codec, Duration clientTimeout) {
        this.run = run;
        this.codec = codec;
        this.clientTimeout = clientTimeout;
        this.session = new SessionInfo(null, null, null, ClientCapabilities.none(), "task");
    }

    @Override
    public ProgressToken progressToken() {
        return null;
    }

    @Override
    public void progress(double progress, Double total, String message) {
        String done = total == null ? String.valueOf(progress) : progress + "/" + total;
        run.statusMessage(message == null ? "progress " + done : message + " (" + done + ")");
    }

    @Override
    public void log(LoggingLevel level, String logger, Object data) {
        // no request stream outlives task creation; the task's state is what clients read
    }

    @Override
    public void closeStream() {
        // nothing to close: the creating request was already answered
    }

    @Override
    public boolean cancelled() {
        return run.isCancelled();
    }

    @Override
    public Sampling.CreateMessageResult sample(Sampling.CreateMessageParams params) {
        String key = "sampling-" + ++asks;
        return ask(Map.of(key, InputRequest.sample(params))).sampling(key);
    }

    @Override
    public Elicitation.ElicitResult elicit(String message, ObjectNode requestedSchema) {
        String key = "elicitation-" + ++asks;
        return ask(Map.of(key, InputRequest.elicit(message, requestedSchema))).elicitation(key);
    }

    @Override
    public Elicitation.ElicitResult elicitUrl(String message, String elicitationId, String url) {
        String key = "elicitation-" + ++asks;
        return ask(Map.of(key, InputRequest.elicitUrl(message, elicitationId, url))).elicitation(key);
    }

    @Override
    public List<Roots.Root> roots() {
        String key = "roots-" + ++asks;
        return ask(Map.of(key, InputRequest.roots())).roots(key);
    }

    @Override
    public InputResponses ask(Map<String, InputRequest> requests) {
        if (requests.isEmpty()) throw new IllegalArgumentException("ask needs at least one input request");
        Map<String, String> wire = new LinkedHashMap<>();
        requests.forEach((key, request) -> {
            ObjectNode r = codec.mapper().createObjectNode();
            r.put("method", request.method());
            r.set("params", codec.mapper().valueToTree(request.params()));
            wire.put(key, codec.mapper().writeValueAsString(r));
        });
        Map<String, String> answers;
        try {
            answers = run.requestInput(wire);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new McpException(JsonRpc.INTERNAL_ERROR, "task " + run.taskId() + " ended while waiting for input");
        }
        Map<String, Object> typed = new LinkedHashMap<>();
        answers.forEach((key, json) -> {
            JsonNode answer = codec.mapper().readTree(json);
            typed.put(key, InputRound.convert(codec, key, requests.get(key), answer));
        });
        return new InputResponses(typed);
    }

    @Override
    public SessionInfo session() {
        return session;
    }

    @Override
    public Map<String, List<String>> headers() {
        return Map.of();
    }

    @Override
    public Duration clientTimeout() {
        return clientTimeout;
    }
}
