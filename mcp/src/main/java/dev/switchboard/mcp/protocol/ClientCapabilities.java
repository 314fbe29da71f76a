package dev.switchboard.mcp.protocol;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a client offers, sent in {@code initialize}. A null member means the client does not
 * support the feature; an empty object means it does, without sub-features.
 *
 * <p>Capabilities added by future revisions are dropped on decode: a server cannot act on a
 * capability it does not know, and keeping them would cost every session a map.
 *
 * @param experimental optional non-standard capabilities
 * @param roots        present if the client can list roots
 * @param sampling     present if the client can sample an LLM
 * @param elicitation  present if the client can ask its user
 * @param tasks        present if the client supports task-augmented requests (kept as JSON)
 */
public record ClientCapabilities(
        ObjectNode experimental,
        RootsCapability roots,
        SamplingCapability sampling,
        ElicitationCapability elicitation,
        ObjectNode tasks) {

    private static final ClientCapabilities NONE = new ClientCapabilities(null, null, null, null, null);

    /** A client that offers nothing. */
    public static ClientCapabilities none() {
        return NONE;
    }

    /** A copy offering roots. */
    public ClientCapabilities withRoots(boolean listChanged) {
        return new ClientCapabilities(experimental, new RootsCapability(listChanged), sampling, elicitation, tasks);
    }

    /** A copy offering plain sampling. */
    public ClientCapabilities withSampling() {
        return new ClientCapabilities(experimental, roots, new SamplingCapability(null, null), elicitation, tasks);
    }

    /** A copy offering form-mode and URL-mode elicitation. */
    public ClientCapabilities withElicitation() {
        ObjectNode form = JsonNodeFactory.instance.objectNode();
        ObjectNode url = JsonNodeFactory.instance.objectNode();
        return new ClientCapabilities(experimental, roots, sampling, new ElicitationCapability(form, url), tasks);
    }

    /**
     * The {@code roots} capability.
     *
     * @param listChanged whether the client notifies roots list changes
     */
    public record RootsCapability(Boolean listChanged) {}

    /**
     * The {@code sampling} capability.
     *
     * @param context present if the client honours {@code includeContext}
     * @param tools   present if the client supports tool use during sampling
     */
    public record SamplingCapability(ObjectNode context, ObjectNode tools) {}

    /**
     * The {@code elicitation} capability. A 2025-06-18 client sends {@code {}}, meaning form
     * mode only: see {@link #supportsForm()}.
     *
     * @param form present if form mode is supported
     * @param url  present if URL mode is supported
     */
    public record ElicitationCapability(ObjectNode form, ObjectNode url) {

        /** True when form mode is supported, explicitly or by the pre-2025-11-25 empty object. */
        public boolean supportsForm() {
            return form != null || url == null;
        }

        /** True when URL mode is supported. */
        public boolean supportsUrl() {
            return url != null;
        }
    }
}
