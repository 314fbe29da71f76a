package dev.switchboard.client;

import dev.switchboard.mcp.protocol.RequestId;

/**
 * How an {@link McpClient} moves bytes: one JSON-RPC message at a time out, whatever the server
 * sends in to an {@link Inbox}. stdio ({@link ClientStdio}) has one duplex stream; Streamable
 * HTTP ({@link ClientHttp}) has a POST per message whose answer may be a stream of its own, plus a
 * standalone stream for messages that belong to no request. The session above does not care.
 */
interface ClientTransport extends AutoCloseable {

    /** The server process this transport spawned, if it spawned one. */
    default java.util.Optional<ProcessHandle> process() {
        return java.util.Optional.empty();
    }

    /** Where incoming messages go. Implementations of this side must accept calls from any thread. */
    interface Inbox {
        /** One JSON-RPC message (or batch) as the server sent it. */
        void receive(String json);

        /** The same from the bytes as they came off the wire (UTF-8), which spares a copy as text. */
        default void receive(byte[] json) {
            receive(new String(json, java.nio.charset.StandardCharsets.UTF_8));
        }

        /**
         * A message was refused unread: larger than the limit, or not JSON-RPC at all. When it claims to answer request
         * {@code id} (null when unknown) that request fails with {@code cause}; either way the refusal is logged and
         * counted ({@link McpClient.Builder#onRefused}).
         */
        void refused(RequestId id, McpClientException cause);

        /** The same for a request of the server's ({@code id} in its own id space), which is answered with an error so it does not wait. */
        void refusedRequest(RequestId id, McpClientException cause);

        /** True while the request {@code id} still waits for its response. */
        boolean awaits(RequestId id);

        /** The response to {@code id} cannot arrive any more (its HTTP stream broke for good). */
        void lost(RequestId id, McpClientException cause);

        /** The connection ended; nothing more will arrive. */
        void closed(McpClientException cause);
    }

    /** Starts delivering incoming messages to {@code inbox}. Called once, before any {@link #send}. */
    void start(Inbox inbox);

    /**
     * Sends one encoded message and returns once the transport took it (HTTP: once the response
     * headers are in; a streamed body is read on afterwards).
     *
     * @param awaiting the id whose response this message asks for, null for a notification or
     *     response
     * @throws McpClientException  when the message could not be delivered
     * @throws InterruptedException when the caller was interrupted while sending
     */
    void send(RequestId awaiting, byte[] message) throws InterruptedException;

    /**
     * The protocol version negotiated by {@code initialize}; Streamable HTTP sends it on every later
     * request. Transports without headers (stdio, sockets, WebSocket frames, legacy SSE) ignore it.
     */
    default void negotiated(String protocolVersion) {}

    /**
     * The session is initialized: Streamable HTTP opens its standalone stream for server-initiated
     * messages. Transports whose one connection already carries them do nothing.
     */
    default void listen() {}

    /** Ends the connection: stdio closes stdin and waits for the process, HTTP deletes the session. */
    @Override
    void close();
}
