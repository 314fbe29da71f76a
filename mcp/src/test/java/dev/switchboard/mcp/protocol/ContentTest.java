package dev.switchboard.mcp.protocol;

import static dev.switchboard.mcp.protocol.Wire.assertRoundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Content blocks against the examples of the 2025-11-25 spec, server/tools and client/sampling. */
class ContentTest {

    @Test
    void text_specExample_roundTrips() {
        Content content = assertRoundTrip("{\"type\": \"text\", \"text\": \"Tool result text\"}", Content.class);
        assertThat(content).isEqualTo(Content.text("Tool result text"));
    }

    @Test
    void image_specExampleWithAnnotations_roundTrips() {
        Content content = assertRoundTrip("""
                {"type": "image", "data": "base64-encoded-data", "mimeType": "image/png",
                 "annotations": {"audience": ["user"], "priority": 0.9}}
                """, Content.class);
        assertThat(content).isInstanceOfSatisfying(Content.Image.class, image -> {
            assertThat(image.mimeType()).isEqualTo("image/png");
            assertThat(image.annotations().audience()).containsExactly(Role.USER);
            assertThat(image.annotations().priority()).isEqualTo(0.9);
        });
    }

    @Test
    void audio_specExample_roundTrips() {
        assertThat(assertRoundTrip("""
                {"type": "audio", "data": "base64-encoded-audio-data", "mimeType": "audio/wav"}
                """, Content.class)).isEqualTo(Content.audio("base64-encoded-audio-data", "audio/wav"));
    }

    @Test
    void resourceLink_specExample_roundTrips() {
        Content content = assertRoundTrip("""
                {"type": "resource_link", "uri": "file:///project/src/main.rs", "name": "main.rs",
                 "description": "Primary application entry point", "mimeType": "text/x-rust"}
                """, Content.class);
        assertThat(content).isInstanceOfSatisfying(Content.ResourceLink.class,
                link -> assertThat(link.uri()).isEqualTo("file:///project/src/main.rs"));
    }

    @Test
    void embeddedResource_textAndBlob_decodeToTheirVariant() {
        Content text = assertRoundTrip("""
                {"type": "resource", "resource": {"uri": "file:///project/src/main.rs", "mimeType": "text/x-rust",
                  "text": "fn main() {\\n    println!(\\"Hello world!\\");\\n}"},
                 "annotations": {"audience": ["user", "assistant"], "priority": 0.7,
                  "lastModified": "2025-05-03T14:30:00Z"}}
                """, Content.class);
        assertThat(((Content.EmbeddedResource) text).resource()).isInstanceOf(ResourceContents.Text.class);

        Content blob = assertRoundTrip("""
                {"type": "resource", "resource": {"uri": "file:///example.png", "mimeType": "image/png",
                  "blob": "AAEC"}}
                """, Content.class);
        assertThat(((Content.EmbeddedResource) blob).resource()).isInstanceOfSatisfying(ResourceContents.Blob.class,
                b -> assertThat(b.bytes()).containsExactly(0, 1, 2));
    }

    @Test
    void toolUseAndToolResult_specSamplingExample_roundTrip() {
        Content use = assertRoundTrip("""
                {"type": "tool_use", "id": "call_abc123", "name": "get_weather", "input": {"city": "Paris"}}
                """, Content.class);
        assertThat(use).isInstanceOfSatisfying(Content.ToolUse.class,
                u -> assertThat(u.input().get("city").stringValue()).isEqualTo("Paris"));

        Content result = assertRoundTrip("""
                {"type": "tool_result", "toolUseId": "call_abc123",
                 "content": [{"type": "text", "text": "Weather in Paris: 18°C, partly cloudy"}]}
                """, Content.class);
        assertThat(result).isInstanceOfSatisfying(Content.ToolResult.class,
                r -> assertThat(r.content()).containsExactly(Content.text("Weather in Paris: 18°C, partly cloudy")));
    }

    @Test
    void unknownType_fromNewerPeer_isKeptWholeAndReencoded() {
        Content content = assertRoundTrip("""
                {"type": "video", "url": "https://example.com/v.mp4", "frames": {"count": 3}}
                """, Content.class);
        assertThat(content).isInstanceOfSatisfying(Content.Unknown.class, unknown -> {
            assertThat(unknown.type()).isEqualTo("video");
            assertThat(unknown.fields()).containsOnlyKeys("url", "frames");
        });
    }

    @Test
    void write_typeDiscriminator_comesFirst() {
        String json = Wire.CODEC.mapper().writeValueAsString(Content.text("x").withAnnotations(
                Annotations.forAudience(Role.ASSISTANT).withPriority(1)));
        assertThat(json).startsWith("{\"type\":\"text\"");
    }

    @Test
    void image_fromBytes_isBase64Encoded() {
        assertThat(Content.image(new byte[] {1, 2, 3}, "image/png").data()).isEqualTo("AQID");
    }

    @Test
    void list_mixedBlocks_keepOrderAndVariants() {
        List<Content> blocks = List.of(Content.text("a"), Content.resourceLink("file:///a", "a"),
                Content.embedded(ResourceContents.text("file:///b", "text/plain", "b")));
        Tools.CallToolResult result = new Tools.CallToolResult(blocks, null, null, null);
        assertThat(Wire.CODEC.convert(Wire.write(result), Tools.CallToolResult.class)).isEqualTo(result);
    }
}
