package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A content block in tool results, prompt messages and sampling messages, told apart on the wire
 * by {@code type}.
 *
 * <p>{@link ToolUse} and {@link ToolResult} appear only in sampling messages; the other five are
 * the spec's {@code ContentBlock}. A type this revision does not know decodes to {@link Unknown},
 * which keeps every member and re-encodes unchanged, so a newer peer's content passes through.
 *
 * <pre>{@code
 * Tools.CallToolResult.of(Content.text("42"), Content.image(png, "image/png"))
 * }</pre>
 */
@JsonTypeInfo(
        use = JsonTypeInfo.Id.NAME,
        include = JsonTypeInfo.As.EXISTING_PROPERTY,
        property = "type",
        visible = true,
        defaultImpl = Content.Unknown.class)
@JsonSubTypes({
    @JsonSubTypes.Type(value = Content.Text.class, name = "text"),
    @JsonSubTypes.Type(value = Content.Image.class, name = "image"),
    @JsonSubTypes.Type(value = Content.Audio.class, name = "audio"),
    @JsonSubTypes.Type(value = Content.ResourceLink.class, name = "resource_link"),
    @JsonSubTypes.Type(value = Content.EmbeddedResource.class, name = "resource"),
    @JsonSubTypes.Type(value = Content.ToolUse.class, name = "tool_use"),
    @JsonSubTypes.Type(value = Content.ToolResult.class, name = "tool_result")
})
@JsonPropertyOrder({"type"})
public sealed interface Content {

    /** The wire discriminator, e.g. {@code "text"}. */
    @JsonProperty("type")
    String type();

    /** Text content. */
    static Text text(String text) {
        return new Text(text, null, null);
    }

    /** An image from base64 data. */
    static Image image(String base64Data, String mimeType) {
        return new Image(base64Data, mimeType, null, null);
    }

    /** An image from raw bytes, base64-encoded here. */
    static Image image(byte[] bytes, String mimeType) {
        return new Image(Base64.getEncoder().encodeToString(bytes), mimeType, null, null);
    }

    /** Audio from base64 data. */
    static Audio audio(String base64Data, String mimeType) {
        return new Audio(base64Data, mimeType, null, null);
    }

    /** A link to a resource the client may read or subscribe to. */
    static ResourceLink resourceLink(String uri, String name) {
        return new ResourceLink(uri, name, null, null, null, null, null, null, null);
    }

    /** A resource embedded with its contents. */
    static EmbeddedResource embedded(ResourceContents resource) {
        return new EmbeddedResource(resource, null, null);
    }

    /**
     * Text provided to or from an LLM.
     *
     * @param text        the text
     * @param annotations optional hints
     * @param meta        optional {@code _meta}
     */
    record Text(String text, Annotations annotations, @JsonProperty("_meta") ObjectNode meta) implements Content {
        public Text {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String type() {
            return "text";
        }

        /** A copy with annotations. */
        public Text withAnnotations(Annotations annotations) {
            return new Text(text, annotations, meta);
        }
    }

    /**
     * An image.
     *
     * @param data        base64-encoded bytes
     * @param mimeType    e.g. {@code image/png}
     * @param annotations optional hints
     * @param meta        optional {@code _meta}
     */
    record Image(String data, String mimeType, Annotations annotations, @JsonProperty("_meta") ObjectNode meta)
            implements Content {
        public Image {
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(mimeType, "mimeType");
        }

        @Override
        public String type() {
            return "image";
        }
    }

    /**
     * Audio.
     *
     * @param data        base64-encoded bytes
     * @param mimeType    e.g. {@code audio/wav}
     * @param annotations optional hints
     * @param meta        optional {@code _meta}
     */
    record Audio(String data, String mimeType, Annotations annotations, @JsonProperty("_meta") ObjectNode meta)
            implements Content {
        public Audio {
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(mimeType, "mimeType");
        }

        @Override
        public String type() {
            return "audio";
        }
    }

    /**
     * A link to a resource; the same members as {@link Resources.Resource}.
     *
     * @param uri         the resource URI
     * @param name        programmatic name
     * @param title       optional display name
     * @param description optional description
     * @param mimeType    optional MIME type
     * @param annotations optional hints
     * @param size        optional size in bytes before encoding
     * @param icons       optional icons
     * @param meta        optional {@code _meta}
     */
    record ResourceLink(
            String uri,
            String name,
            String title,
            String description,
            String mimeType,
            Annotations annotations,
            Long size,
            List<Icon> icons,
            @JsonProperty("_meta") ObjectNode meta) implements Content {
        public ResourceLink {
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(name, "name");
            icons = icons == null ? null : List.copyOf(icons);
        }

        @Override
        public String type() {
            return "resource_link";
        }
    }

    /**
     * A resource embedded with its contents.
     *
     * @param resource    text or blob contents
     * @param annotations optional hints
     * @param meta        optional {@code _meta}
     */
    record EmbeddedResource(ResourceContents resource, Annotations annotations, @JsonProperty("_meta") ObjectNode meta)
            implements Content {
        public EmbeddedResource {
            Objects.requireNonNull(resource, "resource");
        }

        @Override
        public String type() {
            return "resource";
        }
    }

    /**
     * Sampling only: the model asks to call a tool.
     *
     * @param id    identifies this use, matched by {@link ToolResult#toolUseId()}
     * @param name  the tool
     * @param input the arguments
     * @param meta  optional {@code _meta}
     */
    record ToolUse(String id, String name, ObjectNode input, @JsonProperty("_meta") ObjectNode meta)
            implements Content {
        public ToolUse {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(input, "input");
        }

        @Override
        public String type() {
            return "tool_use";
        }
    }

    /**
     * Sampling only: the result of a {@link ToolUse}.
     *
     * @param toolUseId         the {@link ToolUse#id()} answered
     * @param content           unstructured result
     * @param structuredContent optional structured result
     * @param isError           optional; true when the tool failed
     * @param meta              optional {@code _meta}
     */
    record ToolResult(
            String toolUseId,
            List<Content> content,
            ObjectNode structuredContent,
            Boolean isError,
            @JsonProperty("_meta") ObjectNode meta) implements Content {
        public ToolResult {
            Objects.requireNonNull(toolUseId, "toolUseId");
            content = List.copyOf(Objects.requireNonNull(content, "content"));
        }

        @Override
        public String type() {
            return "tool_result";
        }
    }

    /**
     * A content type this revision does not know, kept whole.
     *
     * @param type   its {@code type}
     * @param fields every other member, in wire order
     */
    record Unknown(String type, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> fields) implements Content {
        public Unknown {
            Objects.requireNonNull(type, "type");
            fields = fields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }
}
