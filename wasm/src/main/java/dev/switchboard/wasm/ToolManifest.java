package dev.switchboard.wasm;

import dev.switchboard.mcp.protocol.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A module's manifest: the sidecar {@code <name>.json} beside {@code <name>.wasm}. A sidecar (not
 * a custom section) because people edit it without a WebAssembly toolchain and the watch reloads
 * the tool when it changes. Shape: {@code {"name", "description", "inputSchema", "outputSchema"}};
 * only {@code description} and {@code inputSchema} are required, {@code name} defaults to the
 * file's stem.
 */
record ToolManifest(String name, String description, ObjectNode inputSchema, ObjectNode outputSchema) {

    static Path beside(Path module) {
        String file = module.getFileName().toString();
        return module.resolveSibling(file.substring(0, file.lastIndexOf('.')) + ".json");
    }

    /** Reads the manifest of {@code wasm}; the exception's message is the reason the module is refused. */
    static ToolManifest read(Path wasm, ObjectMapper json) {
        Path file = beside(wasm);
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("no manifest " + file.getFileName() + " beside it");
        JsonNode root;
        try {
            root = json.readTree(Files.readAllBytes(file));
        } catch (IOException | JacksonException e) {
            throw new IllegalArgumentException("manifest " + file.getFileName() + " is not JSON: " + e.getMessage());
        }
        if (!(root instanceof ObjectNode o)) throw new IllegalArgumentException("manifest " + file.getFileName() + " is not a JSON object");
        String stem = file.getFileName().toString().replaceFirst("\\.json$", "");
        String name = text(o, "name", stem, file);
        String description = text(o, "description", null, file);
        if (description == null) throw new IllegalArgumentException("manifest " + file.getFileName() + " has no \"description\"");
        if (!(o.get("inputSchema") instanceof ObjectNode input))
            throw new IllegalArgumentException("manifest " + file.getFileName() + " has no \"inputSchema\" object");
        JsonNode output = o.get("outputSchema");
        if (output != null && !(output instanceof ObjectNode))
            throw new IllegalArgumentException("manifest " + file.getFileName() + ": \"outputSchema\" is not an object");
        return new ToolManifest(name, description, input, (ObjectNode) output);
    }

    private static String text(ObjectNode o, String field, String fallback, Path file) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) return fallback;
        if (!v.isString() || v.stringValue().isBlank())
            throw new IllegalArgumentException("manifest " + file.getFileName() + ": \"" + field + "\" is not a non-empty string");
        return v.stringValue();
    }

    Tools.Tool definition() {
        Tools.Tool tool = Tools.Tool.of(name, description, inputSchema);
        return outputSchema == null ? tool : tool.withOutputSchema(outputSchema);
    }
}
