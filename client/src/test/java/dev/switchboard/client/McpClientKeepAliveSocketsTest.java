package dev.switchboard.client;

/**
 * Every {@link McpClientHttpTest} again with POSTs on pooled keep-alive sockets
 * ({@link McpClient.Builder#keepAliveSockets()}): JSON and chunked SSE answers, resumption,
 * sampling answered by another POST, 404 and 400 bodies, faults from the proxy.
 */
class McpClientKeepAliveSocketsTest extends McpClientHttpTest {
    @Override
    McpClient.Builder builder() {
        return McpClient.builder().keepAliveSockets();
    }
}
