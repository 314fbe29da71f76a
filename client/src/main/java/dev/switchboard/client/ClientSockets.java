package dev.switchboard.client;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Builds the transports whose connection is the session: WebSocket, TCP and legacy HTTP+SSE.
 * Kept apart from {@link McpClient.Builder} so the builder stays a list of one-line choices.
 */
final class ClientSockets {
    private ClientSockets() {}

    static ClientTransport webSocket(URI endpoint, HttpClient http, Duration timeout, java.util.Map<String, String> headers) {
        String scheme = endpoint.getScheme();
        if (!"ws".equalsIgnoreCase(scheme) && !"wss".equalsIgnoreCase(scheme))
            throw new IllegalArgumentException("endpoint must be a ws or wss URI, got " + endpoint);
        return new ClientWebSocket(endpoint, http, timeout, headers);
    }

    /** Newline-delimited JSON is stdio's framing: the stdio transport over the socket's streams (closing them closes the socket). */
    static ClientTransport tcp(String host, int port) {
        try {
            Socket socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            return ClientStdio.over(socket.getInputStream(), socket.getOutputStream());
        } catch (IOException e) {
            throw new McpClientException(McpClientException.Reason.CLOSED, "cannot connect to " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /**
     * TCP over TLS 1.2 or 1.3 from {@code tls}: the handshake, with the host name checked against
     * the server's certificate, happens here, so a wrong certificate fails the build, not a call.
     */
    static ClientTransport tcp(String host, int port, SSLContext tls) {
        try {
            SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(host, port);
            socket.setTcpNoDelay(true);
            SSLParameters params = socket.getSSLParameters();
            params.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            params.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(params);
            try {
                socket.startHandshake();
            } catch (IOException e) {
                socket.close();
                throw e;
            }
            return ClientStdio.over(socket.getInputStream(), socket.getOutputStream());
        } catch (IOException e) {
            throw new McpClientException(McpClientException.Reason.CLOSED, "cannot connect over TLS to " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    static ClientTransport legacySse(URI sseEndpoint, HttpClient http, Duration timeout, java.util.Map<String, String> headers) {
        String scheme = sseEndpoint.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme))
            throw new IllegalArgumentException("endpoint must be an http or https URI, got " + sseEndpoint);
        return new ClientLegacySse(sseEndpoint, http, timeout, headers);
    }
}
