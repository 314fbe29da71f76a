package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sb serve --set wasm.dir=…}: the WebAssembly examples, built from their WAT at load, served beside the demo's tools. */
class ServeWasmTest {
    private static final Path EXAMPLES = Path.of("../wasm/examples").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void serve_wasmDir_servesTheFoldersToolsOverHttp() throws Exception {
        try (SbProcess sb = SbProcess.start(dir, Map.of(), "serve", "--port", "0", "--set", "wasm.dir=" + EXAMPLES, "--set", "wasm.watch=false")) {
            String url = sb.awaitListening();
            assertThat(McpOverHttp.callTool(url, "primes", "{\"n\":100}")).contains("\"primes\":25");
            assertThat(McpOverHttp.callTool(url, "wordcount", "{\"text\":\"a b c\"}")).contains("\"words\":3");
            assertThat(sb.errors()).contains("sb serve: WebAssembly tools from " + EXAMPLES + ": primes, wordcount");
        }
    }

    @Test
    void serve_wasmDirMissing_exitsTwoNamingIt() throws Exception {
        try (SbProcess sb = SbProcess.start(dir, Map.of(), "serve", "--port", "0", "--set", "wasm.dir=" + dir.resolve("nowhere"))) {
            assertThat(sb.waitFor()).isEqualTo(2);
            assertThat(sb.errors()).contains("wasm.dir " + dir.resolve("nowhere") + " is not a directory");
        }
    }
}
