package dev.switchboard.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AutotuneSettingsTest {
    @Test
    void defaults_areOffAndPartOfTheKernelKeys() {
        assertThat(KernelConfig.defaults().autotune()).isEqualTo(AutotuneSettings.defaults());
        assertThat(AutotuneSettings.defaults().enabled()).isFalse();
        assertThat(KernelConfig.KEYS).containsAll(AutotuneSettings.KEYS);
        assertThat(AutotuneSettings.AUTOTUNE.envName()).isEqualTo("MCP_AUTOTUNE");
        assertThat(AutotuneSettings.MIN_LIMIT.envName()).isEqualTo("MCP_AUTOTUNE_MIN_LIMIT");
    }

    @Test
    void from_environment_readsEveryKey() {
        Config c = Config.load(KernelConfig.KEYS, null, Map.of("MCP_AUTOTUNE", "true", "MCP_AUTOTUNE_ALGORITHM", "gradient2",
                "MCP_AUTOTUNE_MIN_LIMIT", "2", "MCP_AUTOTUNE_MAX_LIMIT", "64", "MCP_AUTOTUNE_INITIAL_LIMIT", "8",
                "MCP_AUTOTUNE_MAX_CHANGE", "0.2", "MCP_AUTOTUNE_WINDOW_MS", "250"), Map.of());
        AutotuneSettings a = KernelConfig.from(c).autotune();
        assertThat(a.enabled()).isTrue();
        assertThat(a.algorithm()).isEqualTo("gradient2");
        assertThat(a.minLimit()).isEqualTo(2);
        assertThat(a.maxLimit()).isEqualTo(64);
        assertThat(a.initialLimit()).isEqualTo(8);
        assertThat(a.maxChange()).isEqualTo(0.2);
        assertThat(a.windowMillis()).isEqualTo(250);
    }

    @Test
    void load_badValues_nameTheKey() {
        assertThatThrownBy(() -> Config.load(KernelConfig.KEYS, null, Map.of("MCP_AUTOTUNE", "yes"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("performance.autotune");
        assertThatThrownBy(() -> Config.load(KernelConfig.KEYS, null, Map.of(), Map.of("performance.autotuneAlgorithm", "aimd")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("performance.autotuneAlgorithm").hasMessageContaining("vegas | gradient2");
        assertThatThrownBy(() -> Config.load(KernelConfig.KEYS, null, Map.of("MCP_AUTOTUNE_MAX_CHANGE", "0"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("performance.autotuneMaxChange");
    }

    @Test
    void from_minAboveMax_isAConfigErrorNamingBothKeys() {
        Config c = Config.load(KernelConfig.KEYS, null, Map.of("MCP_AUTOTUNE_MIN_LIMIT", "50", "MCP_AUTOTUNE_MAX_LIMIT", "10"), Map.of());
        assertThatThrownBy(() -> KernelConfig.from(c)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("performance.autotuneMinLimit").hasMessageContaining("performance.autotuneMaxLimit");
    }

    @Test
    void from_initialOutsideTheBounds_isAConfigError() {
        Config c = Config.load(KernelConfig.KEYS, null, Map.of("MCP_AUTOTUNE_INITIAL_LIMIT", "2000"), Map.of());
        assertThatThrownBy(() -> KernelConfig.from(c)).isInstanceOf(ConfigException.class).hasMessageContaining("performance.autotuneInitialLimit");
    }
}
