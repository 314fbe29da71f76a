package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/** The {@code initialize} exchange that opens every session. */
public final class Lifecycle {

    private Lifecycle() {}

    /**
     * Params of {@code initialize}.
     *
     * @param protocolVersion the latest revision the client supports
     * @param capabilities    what the client offers
     * @param clientInfo      who the client is
     * @param meta            optional {@code _meta}
     */
    public record InitializeParams(
            String protocolVersion,
            ClientCapabilities capabilities,
            Implementation clientInfo,
            @JsonProperty("_meta") ObjectNode meta) implements Params {

        public InitializeParams {
            Objects.requireNonNull(protocolVersion, "protocolVersion");
            Objects.requireNonNull(capabilities, "capabilities");
            Objects.requireNonNull(clientInfo, "clientInfo");
        }

        /** Params without {@code _meta}. */
        public static InitializeParams of(String protocolVersion, ClientCapabilities capabilities,
                Implementation clientInfo) {
            return new InitializeParams(protocolVersion, capabilities, clientInfo, null);
        }
    }

    /**
     * Result of {@code initialize}.
     *
     * @param protocolVersion the revision the server chose, see {@link ProtocolVersion#negotiate}
     * @param capabilities    what the server offers
     * @param serverInfo      who the server is
     * @param instructions    optional hints on using the server, e.g. for a system prompt
     * @param meta            optional {@code _meta}
     */
    public record InitializeResult(
            String protocolVersion,
            ServerCapabilities capabilities,
            Implementation serverInfo,
            String instructions,
            @JsonProperty("_meta") ObjectNode meta) {

        public InitializeResult {
            Objects.requireNonNull(protocolVersion, "protocolVersion");
            Objects.requireNonNull(capabilities, "capabilities");
            Objects.requireNonNull(serverInfo, "serverInfo");
        }

        /** A result without instructions or {@code _meta}. */
        public static InitializeResult of(String protocolVersion, ServerCapabilities capabilities,
                Implementation serverInfo) {
            return new InitializeResult(protocolVersion, capabilities, serverInfo, null, null);
        }

        /** A copy with instructions. */
        public InitializeResult withInstructions(String instructions) {
            return new InitializeResult(protocolVersion, capabilities, serverInfo, instructions, meta);
        }
    }
}
