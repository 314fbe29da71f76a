package dev.switchboard.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Fuzzes configuration loading: the bytes of {@code .mcp/config.json}, an environment variable and
 * a {@code --set} flag. Whatever they hold, loading gives a config every key of which reads back
 * within its range, or stops with a {@link ConfigException} naming the problem; nothing else
 * escapes (no NumberFormatException, no Jackson exception, no stack overflow on deep nesting).
 */
class ConfigFuzzTest {
    private static final Path FILE;

    static {
        try {
            FILE = Files.createTempFile("config-fuzz", ".json");
            FILE.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @FuzzTest(maxDuration = "10s")
    void load_anyFileEnvAndFlag_givesAConfigOrNamesTheProblem(FuzzedDataProvider data) throws IOException {
        ConfigKey<?> envKey = data.pickValue(KernelConfig.KEYS);
        ConfigKey<?> flagKey = data.pickValue(KernelConfig.KEYS);
        String envValue = data.consumeString(40);
        String flagName = data.consumeBoolean() ? flagKey.name() : data.consumeString(30);
        String flagValue = data.consumeString(40);
        Files.write(FILE, data.consumeRemainingAsBytes());
        try {
            Config config = Config.load(KernelConfig.KEYS, FILE, Map.of(envKey.envName(), envValue), Map.of(flagName, flagValue));
            for (ConfigKey<?> key : KernelConfig.KEYS) assertThat(config.get(key)).as(key.name()).isNotNull();
            KernelConfig.from(config);
        } catch (ConfigException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
