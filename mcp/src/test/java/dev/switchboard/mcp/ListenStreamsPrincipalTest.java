package dev.switchboard.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mcp.codec.Decoded;
import dev.switchboard.mcp.codec.JsonRpcCodec;
import dev.switchboard.mcp.protocol.Listen;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

class ListenStreamsPrincipalTest {
    private final JsonRpcCodec codec = JsonRpcCodec.create();
    private final ListenStreams streams = new ListenStreams(codec);

    private RecordingExchange listen(Principal who, int id) {
        RecordingExchange ex = new RecordingExchange() {
            @Override
            public Principal principal() {
                return who;
            }
        };
        Decoded.Request r = (Decoded.Request) codec.decode("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"subscriptions/listen\",\"params\":"
                + "{\"notifications\":{\"taskIds\":[\"t1\"]}}}");
        streams.open(r, (Listen.ListenParams) r.params(), ex, true);
        return ex;
    }

    private static List<String> methods(RecordingExchange ex) {
        return ex.related.stream().map(n -> n.get("method").asString()).toList();
    }

    @Test
    void taskChanged_ofAPrincipalsTask_reachesOnlyThatPrincipalsStreams() {
        RecordingExchange alice = listen(new Principal("alice", null, null, Set.of(), Map.of()), 1);
        RecordingExchange bob = listen(new Principal("bob", null, null, Set.of(), Map.of()), 2);

        streams.taskChanged("t1", TaskProtocol.statelessOwner(new Principal("alice", null, null, Set.of(), Map.of())),
                JsonNodeFactory.instance.objectNode().put("taskId", "t1"));

        assertThat(methods(alice)).containsExactly("notifications/subscriptions/acknowledged", "notifications/tasks");
        assertThat(methods(bob)).as("bob named alice's task id and still hears nothing of it").containsExactly("notifications/subscriptions/acknowledged");
    }

    @Test
    void taskChanged_ofATaskMadeWithoutAuthentication_reachesEveryStreamFollowingIt() {
        RecordingExchange anonymous = listen(null, 1);
        streams.taskChanged("t1", TaskProtocol.statelessOwner(null), JsonNodeFactory.instance.objectNode().put("taskId", "t1"));
        JsonNode last = anonymous.related.getLast();
        assertThat(last.get("method").asString()).isEqualTo("notifications/tasks");
    }

    @Test
    void taskChanged_fromAnotherNode_reachesOnlyTheOwningPrincipalsStreams() {
        Principal alice = new Principal("alice", null, null, Set.of(), Map.of());
        RecordingExchange onAlice = listen(alice, 1);
        RecordingExchange onBob = listen(new Principal("bob", null, null, Set.of(), Map.of()), 2);
        // what TaskNotifier sends the other nodes of a cluster, delivered as another node receives it
        String body = TaskNotifier.encode(codec, "t1", TaskProtocol.statelessOwner(alice),
                JsonNodeFactory.instance.objectNode().put("taskId", "t1").put("status", "completed"));
        TaskNotifier.deliver(codec, streams, body);

        assertThat(methods(onAlice)).containsExactly("notifications/subscriptions/acknowledged", "notifications/tasks");
        assertThat(onAlice.related.getLast().path("params").path("status").asString()).isEqualTo("completed");
        assertThat(methods(onBob)).containsExactly("notifications/subscriptions/acknowledged");
    }
}
