package dev.switchboard.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {
    @TempDir
    Path dir;

    @Test
    void defaults_areTheDocumentedOnes() {
        KernelConfig c = KernelConfig.defaults();
        assertThat(c.routerCacheCapacity()).isEqualTo(1000);
        assertThat(c.queueCapacity()).isEqualTo(1000);
        assertThat(c.overflowPolicy()).isEqualTo(OverflowPolicy.DROP_OLDEST);
        assertThat(c.overflowCapacity()).isEqualTo(10_000);
        assertThat(c.batchSize()).isEqualTo(64);
        assertThat(c.maxInflight()).isEqualTo(2048);
        assertThat(c.queueWatermark()).isEqualTo(0.75);
        assertThat(c.idempotencyCapacity()).isEqualTo(10_000);
        assertThat(c.idempotencyTtlMillis()).isEqualTo(5_000);
    }

    @Test
    void envName_followsTheRule() {
        assertThat(KernelConfig.MAX_INFLIGHT.envName()).isEqualTo("MCP_MAX_INFLIGHT");
        assertThat(KernelConfig.BATCH_SIZE.envName()).isEqualTo("MCP_BATCH_SIZE");
        assertThat(KernelConfig.QUEUE_WATERMARK.envName()).isEqualTo("MCP_QUEUE_WATERMARK");
        assertThat(KernelConfig.ROUTER_CACHE_CAPACITY.envName()).isEqualTo("MCP_ROUTER_CACHE_CAPACITY");
        assertThat(KernelConfig.IDEMPOTENCY_TTL_MS.envName()).isEqualTo("MCP_IDEMPOTENCY_TTL_MS");
        assertThat(KernelConfig.QUEUE_CAPACITY.envName()).isEqualTo("MCP_QUEUE_CAPACITY");
    }

    @Test
    void everyKey_hasItsOwnEnvironmentVariable() {
        assertThat(KernelConfig.KEYS.stream().map(ConfigKey::envName).distinct().count()).isEqualTo(KernelConfig.KEYS.size());
    }

    @Test
    void load_fileThenEnvironmentThenFlags_laterSourcesWin() throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, """
                {"performance": {"maxInflight": 100, "batchSize": 8}, "queue.capacity": 50, "queue": {"overflowPolicy": "reject"}}
                """);
        Config c = Config.load(KernelConfig.KEYS, file, Map.of("MCP_BATCH_SIZE", "16"), Map.of("queue.capacity", "7"));
        KernelConfig k = KernelConfig.from(c);
        assertThat(k.maxInflight()).isEqualTo(100);
        assertThat(k.batchSize()).isEqualTo(16);
        assertThat(k.queueCapacity()).isEqualTo(7);
        assertThat(k.overflowPolicy()).isEqualTo(OverflowPolicy.REJECT);
        Map<String, Config.Source> sources = new java.util.HashMap<>();
        c.entries().forEach(e -> sources.put(e.key().name(), e.source()));
        assertThat(sources).containsEntry("performance.maxInflight", Config.Source.FILE)
                .containsEntry("performance.batchSize", Config.Source.ENVIRONMENT)
                .containsEntry("queue.capacity", Config.Source.FLAG)
                .containsEntry("router.cacheCapacity", Config.Source.DEFAULT);
    }

    @Test
    void load_unknownKeyInFile_isAnErrorNamingIt() throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\"performance\": {\"maxInflite\": 5}}");
        assertThatThrownBy(() -> Config.load(KernelConfig.KEYS, file, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown configuration key 'performance.maxInflite'")
                .hasMessageContaining("performance.maxInflight");
    }

    @Test
    void load_valueOutOfRange_isAnErrorNamingKeyAndAllowedValues() {
        assertThatThrownBy(() -> Config.load(KernelConfig.KEYS, null, Map.of("MCP_QUEUE_WATERMARK", "1.5"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("performance.queueWatermark")
                .hasMessageContaining("MCP_QUEUE_WATERMARK")
                .hasMessageContaining("at most 1.0");
        assertThatThrownBy(() -> Config.load(KernelConfig.KEYS, null, Map.of("MCP_MAX_INFLIGHT", "lots"), Map.of()))
                .hasMessageContaining("performance.maxInflight").hasMessageContaining("'lots' is not an integer");
        assertThatThrownBy(() -> Config.load(KernelConfig.KEYS, null, Map.of(), Map.of("queue.overflowPolicy", "explode")))
                .hasMessageContaining("queue.overflowPolicy").hasMessageContaining("drop-oldest | drop-newest | reject | block | priority");
    }

    @Test
    void load_malformedFile_isAnErrorNamingTheFile() throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\"performance\": ");
        assertThatThrownBy(() -> Config.load(KernelConfig.KEYS, file, Map.of(), Map.of())).hasMessageContaining(file.toString());
        Files.writeString(file, "{\"performance\": {\"maxInflight\": [1]}}");
        assertThatThrownBy(() -> Config.load(KernelConfig.KEYS, file, Map.of(), Map.of())).hasMessageContaining("performance.maxInflight");
    }

    @Test
    void load_missingFile_givesDefaults() {
        assertThat(KernelConfig.from(Config.load(KernelConfig.KEYS, dir.resolve("absent.json"), Map.of(), Map.of()))).isEqualTo(KernelConfig.defaults());
    }

    @Test
    void load_severalUnknownKeys_reportsEveryOneWithTheKeyItProbablyMeant() throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\"queue\": {\"capasity\": 5, \"overflowPolicy\": \"explode\", \"capacity\": [1]}, \"maxInflight\": 3}");
        assertThatThrownBy(() -> Config.load(KernelConfig.KEYS, file, Map.of(), Map.of("retry.maxAtempts", "2")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("5 problems")
                .hasMessageContaining("queue.capacity (from " + file + "): must be a number, string or boolean, was ARRAY")
                .hasMessageContaining("unknown configuration key 'queue.capasity' (from " + file + "); did you mean 'queue.capacity'?")
                .hasMessageContaining("unknown configuration key 'maxInflight' (from " + file + "); did you mean 'performance.maxInflight'?")
                .hasMessageContaining("unknown configuration key 'retry.maxAtempts' (from command line); did you mean 'retry.maxAttempts'?")
                .hasMessageContaining("queue.overflowPolicy (from " + file + "): 'explode' is not allowed")
                .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(5));
    }

    @Test
    void load_unknownMcpEnvironmentVariable_isAWarningNamingTheVariableItProbablyMeant() {
        Config c = Config.load(KernelConfig.KEYS, null,
                Map.of("MCP_QUEUE_CAPACTY", "5", "MCP_PERFORMANCE_MAX_INFLIGHT", "9", "MCP_SOMETHING_ELSE", "x", "HOME", "/root"), Map.of());
        assertThat(c.warnings()).containsExactly(
                "environment variable MCP_PERFORMANCE_MAX_INFLIGHT is not a configuration key and is ignored; did you mean MCP_MAX_INFLIGHT?",
                "environment variable MCP_QUEUE_CAPACTY is not a configuration key and is ignored; did you mean MCP_QUEUE_CAPACITY?",
                "environment variable MCP_SOMETHING_ELSE is not a configuration key and is ignored");
        assertThat(KernelConfig.from(c)).isEqualTo(KernelConfig.defaults());
    }

    @Test
    void load_duplicateKeyInTheFile_isRefusedNamingTheFileAndTheKey() throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\n  \"queue\": {\n    \"capacity\": 5,\n    \"capacity\": 7\n  }\n}\n");
        assertThatThrownBy(() -> Config.load(KernelConfig.KEYS, file, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ": key 'queue.capacity' is given twice (line 4");
    }

    @Test
    void load_sameKeyNestedAndDotted_isRefusedNamingTheKey() throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\"queue\": {\"capacity\": 5}, \"queue.capacity\": 7}");
        assertThatThrownBy(() -> Config.load(KernelConfig.KEYS, file, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("queue.capacity (from " + file + "): given twice");
    }

    @Test
    void load_fileWithCommentsAndTrailingCommas_readAsVsCodeWritesIt() throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\n  // a comment\n  \"queue\": {\"capacity\": 5, /* and another */},\n}\n");
        assertThat(Config.load(KernelConfig.KEYS, file, Map.of(), Map.of()).get(KernelConfig.QUEUE_CAPACITY)).isEqualTo(5);
    }

    @Test
    void load_malformedFile_namesLineAndColumnNotARedactedSource() throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\n  \"queue\": {\n    \"capacity\": 5,,\n  }\n}\n");
        assertThatThrownBy(() -> Config.load(KernelConfig.KEYS, file, Map.of(), Map.of()))
                .hasMessageStartingWith(file + " is not valid JSON at line 3, column 19: ")
                .hasMessageNotContaining("REDACTED")
                .hasMessageNotContaining("UNKNOWN");
    }

    @Test
    void nearest_misspellingsAndMissingSections_findTheKey_unrelatedNamesFindNothing() {
        java.util.List<String> names = KernelConfig.KEYS.stream().map(ConfigKey::name).toList();
        assertThat(KeySuggestions.nearest("router.cachecapacity", names)).contains("router.cacheCapacity");
        assertThat(KeySuggestions.nearest("batchSize", names)).contains("performance.batchSize");
        assertThat(KeySuggestions.nearest("colour", names)).isEmpty();
        assertThat(KeySuggestions.distance("kitten", "sitting")).isEqualTo(3);
    }

    @Test
    void configKey_withoutDescription_isRefused() {
        assertThatThrownBy(() -> ConfigKey.integer("x.y", 1, 0, 2, " ")).hasMessageContaining("x.y needs a description");
    }
}
