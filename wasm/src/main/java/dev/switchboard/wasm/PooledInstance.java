package dev.switchboard.wasm;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.MutabilityType;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.function.Function;

/**
 * One instance of a module, ready to run its {@code _start} once per call and be used again.
 *
 * <p>Why pooled and reset rather than built per call: instantiation re-runs data segments and
 * builds a WASI context, while a reset is one copy of the memory as it was right after
 * instantiation (one snapshot per module) plus the mutable globals. An instance whose memory grew during a call cannot be
 * shrunk back, so it is dropped instead of returned. The WASI context lives as long as the
 * instance; its stdin and stdout are swapped per call ({@link CallInput}, {@link CallOutput}).
 */
final class PooledInstance {
    static final String START = "_start";

    private final Instance instance;
    private final ExportFunction start;
    private final CallInput stdin = new CallInput();
    private final CallOutput stdout;
    private final CallOutput stderr;
    private final Memory memory;
    private final int initialPages;
    private final byte[] memorySnapshot;
    private final GlobalInstance[] mutableGlobals;
    private final long[] globalsLow;
    private final long[] globalsHigh;

    /**
     * Builds an instance; {@code snapshot} is the memory right after instantiation of an earlier
     * instance of the same module, shared so a pool of large modules holds one copy, or
     * {@code null} to take it from this one.
     */
    PooledInstance(WasmModule module, Function<Instance, Machine> machines, MemoryLimits limits, WasmSettings sandbox, byte[] snapshot) {
        stdout = new CallOutput(sandbox.maxOutputBytes(), true);
        stderr = new CallOutput(64 * 1024, false);
        WasiOptions.Builder options = WasiOptions.builder()
                .withStdin(stdin, false)
                .withStdout(stdout, false)
                .withStderr(stderr, false)
                .withRandom(new SecureRandom())
                .withArguments(List.of("tool"));
        Path data = sandbox.readOnlyDir();
        if (data != null) options.withDirectory("/data", data);
        WasiPreview1 wasi = WasiPreview1.builder().withOptions(options.build()).build();
        ImportValues imports = ImportValues.builder().addFunction(ReadOnlyFiles.guard(wasi.toHostFunctions())).build();
        instance = Instance.builder(module)
                .withMachineFactory(machines)
                .withImportValues(imports)
                .withMemoryLimits(limits)
                .withStart(false)
                .build();
        start = instance.export(START);
        memory = instance.memory();
        initialPages = memory == null ? 0 : memory.pages();
        memorySnapshot = memory == null ? new byte[0]
                : snapshot != null && snapshot.length == initialPages * 65_536 ? snapshot : memory.readBytes(0, initialPages * 65_536);
        int globals = instance.globalCount();
        int mutable = 0;
        GlobalInstance[] found = new GlobalInstance[globals];
        for (int i = 0; i < globals; i++) {
            GlobalInstance g = instance.global(i);
            if (g.getMutabilityType() == MutabilityType.Var) found[mutable++] = g;
        }
        mutableGlobals = java.util.Arrays.copyOf(found, mutable);
        globalsLow = new long[mutable];
        globalsHigh = new long[mutable];
        for (int i = 0; i < mutable; i++) {
            globalsLow[i] = mutableGlobals[i].getValueLow();
            globalsHigh[i] = mutableGlobals[i].getValueHigh();
        }
    }

    /**
     * Runs {@code _start} with {@code input} on stdin; returns the exit status (0 when it returned
     * without {@code proc_exit}). Traps, the time cap's interruption and {@link OutputCapExceeded}
     * propagate.
     */
    int run(byte[] input) {
        stdin.set(input);
        stdout.reset();
        stderr.reset();
        try {
            start.apply();
            return 0;
        } catch (WasiExitException e) {
            return e.exitCode();
        }
    }

    /** An export of this instance, for the benchmark's direct calls. */
    ExportFunction export(String name) {
        return instance.export(name);
    }

    byte[] memorySnapshot() {
        return memorySnapshot;
    }

    CallOutput stdout() {
        return stdout;
    }

    CallOutput stderr() {
        return stderr;
    }

    int memoryPages() {
        return memory == null ? 0 : memory.pages();
    }

    /** Puts memory and globals back as they were after instantiation; {@code false} when it cannot (memory grew). */
    boolean reset() {
        if (memory != null) {
            if (memory.pages() != initialPages) return false;
            memory.write(0, memorySnapshot);
        }
        for (int i = 0; i < mutableGlobals.length; i++) {
            mutableGlobals[i].setValueLow(globalsLow[i]);
            mutableGlobals[i].setValueHigh(globalsHigh[i]);
        }
        stdin.set(new byte[0]);
        return true;
    }
}
