package dev.switchboard.transport;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Schemas for tools defined in tests. */
final class RecordingSchemas {
    /** An object schema with no properties. */
    static final ObjectNode EMPTY = JsonNodeFactory.instance.objectNode().put("type", "object");

    private RecordingSchemas() {}
}
