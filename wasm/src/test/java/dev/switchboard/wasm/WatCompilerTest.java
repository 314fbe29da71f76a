package dev.switchboard.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WatCompilerTest {
    @Test
    void compile_validText_returnsBinaryModule() {
        long t0 = System.nanoTime();
        WatCompiler compiler = WatCompiler.load();
        long t1 = System.nanoTime();
        byte[] wasm = compiler.compile("(module (func (export \"f\") (result i32) i32.const 7))");
        long t2 = System.nanoTime();
        System.out.printf("load %d ms, compile %d ms%n", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
        assertThat(wasm).startsWith(0, 'a', 's', 'm');
    }

    @Test
    void compile_syntaxError_namesTheProblem() {
        assertThatThrownBy(() -> WatCompiler.load().compile("(module (func (export \"f\") (result i32) i32.bogus))"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("wat2wasm");
    }
}
