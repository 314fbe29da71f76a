package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Base64;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * The contents of a resource, as read by {@code resources/read} or embedded in content: text, or
 * binary as base64. The wire has no discriminator, so decoding looks for {@code blob}, then
 * {@code text}.
 */
public sealed interface ResourceContents permits ResourceContents.Text, ResourceContents.Blob {

    /** The resource URI. */
    String uri();

    /** The MIME type, or null. */
    String mimeType();

    /** Text contents. */
    static Text text(String uri, String mimeType, String text) {
        return new Text(uri, mimeType, text, null);
    }

    /** Binary contents, base64-encoded here. */
    static Blob blob(String uri, String mimeType, byte[] bytes) {
        return new Blob(uri, mimeType, Base64.getEncoder().encodeToString(bytes), null);
    }

    /**
     * Text contents.
     *
     * @param uri      the resource URI
     * @param mimeType optional MIME type
     * @param text     the text
     * @param meta     optional {@code _meta}
     */
    record Text(String uri, String mimeType, String text, @JsonProperty("_meta") ObjectNode meta)
            implements ResourceContents {
        public Text {
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * Binary contents.
     *
     * @param uri      the resource URI
     * @param mimeType optional MIME type
     * @param blob     base64-encoded bytes
     * @param meta     optional {@code _meta}
     */
    record Blob(String uri, String mimeType, String blob, @JsonProperty("_meta") ObjectNode meta)
            implements ResourceContents {
        public Blob {
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(blob, "blob");
        }

        /** The decoded bytes. */
        public byte[] bytes() {
            return Base64.getDecoder().decode(blob);
        }
    }
}
