package dev.switchboard.wasm;

/** Thrown from inside a module's {@code fd_write} when stdout passes its cap: it ends the call. */
final class OutputCapExceeded extends RuntimeException {
    final int cap;

    OutputCapExceeded(int cap) {
        super("stdout passed the output cap of " + cap + " bytes", null, false, false);
        this.cap = cap;
    }
}
