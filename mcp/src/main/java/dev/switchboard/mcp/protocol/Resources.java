package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * Resources: {@code resources/list}, {@code resources/templates/list}, {@code resources/read},
 * {@code resources/subscribe}, {@code resources/unsubscribe} and
 * {@code notifications/resources/updated}.
 */
public final class Resources {

    private Resources() {}

    /**
     * A resource the server can read.
     *
     * @param uri         its URI
     * @param name        programmatic name
     * @param title       optional display name
     * @param description optional description
     * @param mimeType    optional MIME type
     * @param annotations optional hints
     * @param size        optional size in bytes before encoding
     * @param icons       optional icons
     * @param meta        optional {@code _meta}
     */
    public record Resource(
            String uri,
            String name,
            String title,
            String description,
            String mimeType,
            Annotations annotations,
            Long size,
            List<Icon> icons,
            @JsonProperty("_meta") ObjectNode meta) {

        public Resource {
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(name, "name");
            icons = icons == null ? null : List.copyOf(icons);
        }

        /** A resource with a URI, name and MIME type. */
        public static Resource of(String uri, String name, String mimeType) {
            return new Resource(uri, name, null, null, mimeType, null, null, null, null);
        }

        /** A copy with a description. */
        public Resource withDescription(String description) {
            return new Resource(uri, name, title, description, mimeType, annotations, size, icons, meta);
        }
    }

    /**
     * A family of resources described by an RFC 6570 URI template.
     *
     * @param uriTemplate the template, e.g. {@code file:///{path}}
     * @param name        programmatic name
     * @param title       optional display name
     * @param description optional description
     * @param mimeType    optional MIME type shared by all matches
     * @param annotations optional hints
     * @param icons       optional icons
     * @param meta        optional {@code _meta}
     */
    public record ResourceTemplate(
            String uriTemplate,
            String name,
            String title,
            String description,
            String mimeType,
            Annotations annotations,
            List<Icon> icons,
            @JsonProperty("_meta") ObjectNode meta) {

        public ResourceTemplate {
            Objects.requireNonNull(uriTemplate, "uriTemplate");
            Objects.requireNonNull(name, "name");
            icons = icons == null ? null : List.copyOf(icons);
        }

        /** A template with a name and MIME type. */
        public static ResourceTemplate of(String uriTemplate, String name, String mimeType) {
            return new ResourceTemplate(uriTemplate, name, null, null, mimeType, null, null, null);
        }
    }

    /**
     * Result of {@code resources/list}.
     *
     * @param resources  this page
     * @param nextCursor the next page's cursor, null on the last page
     * @param meta       optional {@code _meta}
     */
    public record ListResourcesResult(
            List<Resource> resources, String nextCursor, @JsonProperty("_meta") ObjectNode meta) {

        public ListResourcesResult {
            resources = List.copyOf(Objects.requireNonNull(resources, "resources"));
        }

        /** A page followed by the one at {@code nextCursor} (null for the last page). */
        public static ListResourcesResult page(List<Resource> resources, String nextCursor) {
            return new ListResourcesResult(resources, nextCursor, null);
        }
    }

    /**
     * Result of {@code resources/templates/list}.
     *
     * @param resourceTemplates this page
     * @param nextCursor        the next page's cursor, null on the last page
     * @param meta              optional {@code _meta}
     */
    public record ListResourceTemplatesResult(
            List<ResourceTemplate> resourceTemplates, String nextCursor, @JsonProperty("_meta") ObjectNode meta) {

        public ListResourceTemplatesResult {
            resourceTemplates = List.copyOf(Objects.requireNonNull(resourceTemplates, "resourceTemplates"));
        }

        /** A page followed by the one at {@code nextCursor} (null for the last page). */
        public static ListResourceTemplatesResult page(List<ResourceTemplate> templates, String nextCursor) {
            return new ListResourceTemplatesResult(templates, nextCursor, null);
        }
    }

    /**
     * Params of {@code resources/read}.
     *
     * @param uri  the resource to read
     * @param inputResponses 2026-07-28: the client's answers to an {@code input_required} round, by key
     * @param requestState   2026-07-28: the opaque state of that round, echoed back
     * @param meta optional {@code _meta}
     */
    public record ReadParams(String uri, ObjectNode inputResponses, String requestState, @JsonProperty("_meta") ObjectNode meta) implements Params {
        public ReadParams {
            Objects.requireNonNull(uri, "uri");
        }

        /** Params for {@code uri}. */
        public static ReadParams of(String uri) {
            return new ReadParams(uri, null, null, null);
        }
    }

    /**
     * Result of {@code resources/read}.
     *
     * @param contents the contents of the resource and any sub-resources
     * @param meta     optional {@code _meta}
     */
    public record ReadResult(List<ResourceContents> contents, @JsonProperty("_meta") ObjectNode meta) {
        public ReadResult {
            contents = List.copyOf(Objects.requireNonNull(contents, "contents"));
        }

        /** A result with the given contents. */
        public static ReadResult of(ResourceContents... contents) {
            return new ReadResult(List.of(contents), null);
        }
    }

    /**
     * Params of {@code resources/subscribe}.
     *
     * @param uri  the resource to watch
     * @param meta optional {@code _meta}
     */
    public record SubscribeParams(String uri, @JsonProperty("_meta") ObjectNode meta) implements Params {
        public SubscribeParams {
            Objects.requireNonNull(uri, "uri");
        }
    }

    /**
     * Params of {@code resources/unsubscribe}.
     *
     * @param uri  the resource to stop watching
     * @param meta optional {@code _meta}
     */
    public record UnsubscribeParams(String uri, @JsonProperty("_meta") ObjectNode meta) implements Params {
        public UnsubscribeParams {
            Objects.requireNonNull(uri, "uri");
        }
    }

    /**
     * Params of {@code notifications/resources/updated}.
     *
     * @param uri  the resource that changed (possibly a sub-resource of the one subscribed)
     * @param meta optional {@code _meta}
     */
    public record UpdatedParams(String uri, @JsonProperty("_meta") ObjectNode meta) implements Params {
        public UpdatedParams {
            Objects.requireNonNull(uri, "uri");
        }

        /** Params for {@code uri}. */
        public static UpdatedParams of(String uri) {
            return new UpdatedParams(uri, null);
        }
    }
}
