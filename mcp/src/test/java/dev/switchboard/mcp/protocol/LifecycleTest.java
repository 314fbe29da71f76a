package dev.switchboard.mcp.protocol;

import static dev.switchboard.mcp.protocol.Wire.assertRequestRoundTrip;
import static dev.switchboard.mcp.protocol.Wire.assertResultRoundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mcp.codec.Decoded;
import org.junit.jupiter.api.Test;

/** The initialize exchange and roots, against the examples of the 2025-11-25 spec. */
class LifecycleTest {

    @Test
    void initialize_specRequest_roundTrips() {
        Decoded.Request request = assertRequestRoundTrip("""
                {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
                  "protocolVersion": "2024-11-05",
                  "capabilities": {
                    "roots": {"listChanged": true},
                    "sampling": {},
                    "elicitation": {"form": {}, "url": {}},
                    "tasks": {"requests": {"elicitation": {"create": {}}, "sampling": {"createMessage": {}}}}},
                  "clientInfo": {
                    "name": "ExampleClient", "title": "Example Client Display Name", "version": "1.0.0",
                    "description": "An example MCP client application",
                    "icons": [{"src": "https://example.com/icon.png", "mimeType": "image/png", "sizes": ["48x48"]}],
                    "websiteUrl": "https://example.com"}}}
                """);
        Lifecycle.InitializeParams params = request.params(Lifecycle.InitializeParams.class);
        assertThat(params.clientInfo().websiteUrl()).isEqualTo("https://example.com");
        assertThat(params.capabilities().roots().listChanged()).isTrue();
        assertThat(params.capabilities().elicitation().supportsUrl()).isTrue();
        // the spec's example asks for 2024-11-05, which is spoken for the legacy HTTP+SSE clients
        assertThat(ProtocolVersion.negotiate(params.protocolVersion())).isEqualTo("2024-11-05");
        assertThat(ProtocolVersion.negotiate("2024-10-07")).isEqualTo(ProtocolVersion.LATEST);
    }

    @Test
    void initialize_specResponse_roundTrips() {
        Lifecycle.InitializeResult result = assertResultRoundTrip("""
                {"jsonrpc": "2.0", "id": 1, "result": {
                  "protocolVersion": "2024-11-05",
                  "capabilities": {
                    "logging": {}, "prompts": {"listChanged": true},
                    "resources": {"subscribe": true, "listChanged": true}, "tools": {"listChanged": true},
                    "tasks": {"list": {}, "cancel": {}, "requests": {"tools": {"call": {}}}}},
                  "serverInfo": {
                    "name": "ExampleServer", "title": "Example Server Display Name", "version": "1.0.0",
                    "description": "An example MCP server providing tools and resources",
                    "icons": [{"src": "https://example.com/server-icon.svg", "mimeType": "image/svg+xml",
                               "sizes": ["any"]}],
                    "websiteUrl": "https://example.com/server"},
                  "instructions": "Optional instructions for the client"}}
                """, Lifecycle.InitializeResult.class);
        assertThat(result.capabilities().resources().subscribe()).isTrue();
        assertThat(result.capabilities().completions()).isNull();
    }

    @Test
    void serverCapabilities_fluentBuild_writesEmptyObjectsForPresence() {
        ServerCapabilities capabilities = ServerCapabilities.none().withTools(true).withLogging().withCompletions();
        Wire.assertSameJson(Wire.write(capabilities),
                Wire.tree("{\"logging\": {}, \"completions\": {}, \"tools\": {\"listChanged\": true}}"));
    }

    @Test
    void elicitationCapability_emptyObjectFrom20250618_meansFormOnly() {
        ClientCapabilities capabilities = Wire.read("{\"elicitation\": {}}", ClientCapabilities.class);
        assertThat(capabilities.elicitation().supportsForm()).isTrue();
        assertThat(capabilities.elicitation().supportsUrl()).isFalse();
    }

    @Test
    void negotiate_supportedVersions_areEchoed() {
        assertThat(ProtocolVersion.negotiate("2025-06-18")).isEqualTo("2025-06-18");
        assertThat(ProtocolVersion.negotiate("2025-03-26")).isEqualTo("2025-03-26");
        assertThat(ProtocolVersion.negotiate("2099-01-01")).isEqualTo("2025-11-25");
        assertThat(ProtocolVersion.allowsBatches("2025-03-26")).isTrue();
        assertThat(ProtocolVersion.allowsBatches("2025-11-25")).isFalse();
    }

    @Test
    void ping_specRequest_hasEmptyParamsAndEmptyResult() {
        Decoded.Request ping = assertRequestRoundTrip("{\"jsonrpc\": \"2.0\", \"id\": \"123\", \"method\": \"ping\"}");
        assertThat(ping.params()).isEqualTo(Params.Empty.INSTANCE);
        assertThat(Wire.text(Wire.CODEC.encodeResult(ping.id(), JsonRpc.EmptyResult.INSTANCE)))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":\"123\",\"result\":{}}");
    }

    @Test
    void rootsList_specExchange_roundTrips() {
        Decoded.Request request = assertRequestRoundTrip("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"roots/list\"}");
        assertThat(request.params()).isEqualTo(Params.Empty.INSTANCE);
        Roots.ListRootsResult result = assertResultRoundTrip("""
                {"jsonrpc": "2.0", "id": 1, "result": {"roots": [
                  {"uri": "file:///home/user/projects/myproject", "name": "My Project"}]}}
                """, Roots.ListRootsResult.class);
        assertThat(result.roots()).containsExactly(Roots.Root.of("file:///home/user/projects/myproject", "My Project"));
    }
}
