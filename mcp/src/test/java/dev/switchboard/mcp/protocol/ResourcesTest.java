package dev.switchboard.mcp.protocol;

import static dev.switchboard.mcp.protocol.Wire.assertNotificationRoundTrip;
import static dev.switchboard.mcp.protocol.Wire.assertRequestRoundTrip;
import static dev.switchboard.mcp.protocol.Wire.assertResultRoundTrip;
import static dev.switchboard.mcp.protocol.Wire.assertRoundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mcp.codec.Decoded;
import org.junit.jupiter.api.Test;

/** Resources records against the examples of the 2025-11-25 spec, server/resources. */
class ResourcesTest {

    @Test
    void resourcesList_specResponse_roundTrips() {
        Resources.ListResourcesResult result = assertResultRoundTrip("""
                {"jsonrpc": "2.0", "id": 1, "result": {
                  "resources": [{
                    "uri": "file:///project/src/main.rs", "name": "main.rs",
                    "title": "Rust Software Application Main File", "description": "Primary application entry point",
                    "mimeType": "text/x-rust",
                    "icons": [{"src": "https://example.com/rust-file-icon.png", "mimeType": "image/png",
                               "sizes": ["48x48"]}]}],
                  "nextCursor": "next-page-cursor"}}
                """, Resources.ListResourcesResult.class);
        assertThat(result.resources().getFirst().name()).isEqualTo("main.rs");
    }

    @Test
    void resource_specAnnotationsExample_roundTrips() {
        Resources.Resource resource = assertRoundTrip("""
                {"uri": "file:///project/README.md", "name": "README.md", "title": "Project Documentation",
                 "mimeType": "text/markdown",
                 "annotations": {"audience": ["user"], "priority": 0.8, "lastModified": "2025-01-12T15:00:58Z"},
                 "size": 1024}
                """, Resources.Resource.class);
        assertThat(resource.annotations().lastModified()).isEqualTo("2025-01-12T15:00:58Z");
        assertThat(resource.size()).isEqualTo(1024L);
    }

    @Test
    void resourcesRead_specExchange_roundTrips() {
        Decoded.Request request = assertRequestRoundTrip("""
                {"jsonrpc": "2.0", "id": 2, "method": "resources/read", "params": {"uri": "file:///project/src/main.rs"}}
                """);
        assertThat(request.params(Resources.ReadParams.class).uri()).isEqualTo("file:///project/src/main.rs");

        Resources.ReadResult result = assertResultRoundTrip("""
                {"jsonrpc": "2.0", "id": 2, "result": {"contents": [{"uri": "file:///project/src/main.rs",
                  "mimeType": "text/x-rust", "text": "fn main() {\\n    println!(\\"Hello world!\\");\\n}"}]}}
                """, Resources.ReadResult.class);
        assertThat(result.contents().getFirst()).isInstanceOf(ResourceContents.Text.class);
    }

    @Test
    void resourceContents_specBinaryExample_decodesToBlob() {
        ResourceContents contents = assertRoundTrip("""
                {"uri": "file:///example.png", "mimeType": "image/png", "blob": "base64-encoded-data"}
                """, ResourceContents.class);
        assertThat(contents).isInstanceOf(ResourceContents.Blob.class);
    }

    @Test
    void templatesList_specExchange_roundTrips() {
        Decoded.Request request = assertRequestRoundTrip("""
                {"jsonrpc": "2.0", "id": 3, "method": "resources/templates/list"}
                """);
        assertThat(request.params()).isEqualTo(new PaginatedParams(null, null));

        Resources.ListResourceTemplatesResult result = assertResultRoundTrip("""
                {"jsonrpc": "2.0", "id": 3, "result": {"resourceTemplates": [{
                  "uriTemplate": "file:///{path}", "name": "Project Files", "title": "📁 Project Files",
                  "description": "Access files in the project directory", "mimeType": "application/octet-stream",
                  "icons": [{"src": "https://example.com/folder-icon.png", "mimeType": "image/png",
                             "sizes": ["48x48"]}]}]}}
                """, Resources.ListResourceTemplatesResult.class);
        assertThat(result.resourceTemplates().getFirst().uriTemplate()).isEqualTo("file:///{path}");
    }

    @Test
    void subscribeAndUpdated_specExamples_roundTrip() {
        Decoded.Request subscribe = assertRequestRoundTrip("""
                {"jsonrpc": "2.0", "id": 4, "method": "resources/subscribe",
                 "params": {"uri": "file:///project/src/main.rs"}}
                """);
        assertThat(subscribe.params()).isInstanceOf(Resources.SubscribeParams.class);

        Decoded.Request unsubscribe = assertRequestRoundTrip("""
                {"jsonrpc": "2.0", "id": 5, "method": "resources/unsubscribe",
                 "params": {"uri": "file:///project/src/main.rs"}}
                """);
        assertThat(unsubscribe.params()).isInstanceOf(Resources.UnsubscribeParams.class);

        Decoded.Notification updated = assertNotificationRoundTrip("""
                {"jsonrpc": "2.0", "method": "notifications/resources/updated",
                 "params": {"uri": "file:///project/src/main.rs"}}
                """);
        assertThat(updated.params()).isEqualTo(Resources.UpdatedParams.of("file:///project/src/main.rs"));
    }

    @Test
    void listChanged_specNotification_roundTripsWithoutParams() {
        Decoded.Notification changed = assertNotificationRoundTrip("""
                {"jsonrpc": "2.0", "method": "notifications/resources/list_changed"}
                """);
        assertThat(changed.params()).isEqualTo(Params.Empty.INSTANCE);
    }

    @Test
    void resourceNotFound_specError_decodesAsErrorResponse() {
        Decoded decoded = Wire.CODEC.decode("""
                {"jsonrpc": "2.0", "id": 5, "error": {"code": -32002, "message": "Resource not found",
                 "data": {"uri": "file:///nonexistent.txt"}}}
                """);
        assertThat(decoded).isInstanceOfSatisfying(Decoded.Response.class, response -> {
            assertThat(response.isError()).isTrue();
            assertThat(response.error().code()).isEqualTo(-32002);
            assertThat(response.error().data().get("uri").stringValue()).isEqualTo("file:///nonexistent.txt");
        });
    }
}
