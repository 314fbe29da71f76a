package dev.switchboard.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WatCompilerTest {
    @Test
    void compile_validText_returnsBinaryModule() {
        byte[] wasm = TestModules.compiler().compile("(module (func (export \"f\") (result i32) i32.const 7))");
        assertThat(wasm).startsWith(0, 'a', 's', 'm');
    }

    @Test
    void compile_syntaxError_namesTheProblem() {
        assertThatThrownBy(() -> TestModules.compiler().compile("(module (func (export \"f\") (result i32) i32.bogus))"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("wat2wasm");
    }
}
