package dev.switchboard.agents;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** How the gateway reaches one agent: a process it spawns and speaks stdio to, a Streamable HTTP endpoint, or a legacy HTTP+SSE one. */
public sealed interface Launch {

    /** A server spawned as {@code command} with {@code env} added to this process's environment. */
    record Stdio(List<String> command, Map<String, String> env) implements Launch {
        public Stdio {
            command = List.copyOf(command);
            env = Map.copyOf(env);
        }
    }

    /** A server at {@code url}, every request carrying {@code headers}. */
    record Http(URI url, Map<String, String> headers) implements Launch {
        public Http {
            headers = Map.copyOf(headers);
        }
    }

    /**
     * A server on the legacy HTTP+SSE transport (protocol 2024-11-05: {@code GET url} opens the
     * stream, requests go to the endpoint it names), every request carrying {@code headers}: a
     * client file's {@code "type": "sse"} entry.
     */
    record LegacySse(URI url, Map<String, String> headers) implements Launch {
        public LegacySse {
            headers = Map.copyOf(headers);
        }
    }
}
