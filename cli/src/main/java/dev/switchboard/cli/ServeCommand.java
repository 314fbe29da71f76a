package dev.switchboard.cli;

import dev.switchboard.kernel.Kernel;
import dev.switchboard.kernel.KernelConfig;
import dev.switchboard.kernel.Ledger;
import dev.switchboard.kernel.Message;
import dev.switchboard.kernel.Outcome;
import dev.switchboard.kernel.Subsystem;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Runs the main job. Until the MCP server lands this is the kernel running a live demo workload:
 * a routed {@code math} subsystem and an event-bus subscriber, with the ledger printed each second.
 */
@Command(name = "serve", description = "Run the server (for now: the message kernel with a demo workload, ledger printed each second).")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--seconds", description = "Stop after this many seconds (default: run until interrupted).")
    long seconds = 0;

    @Override
    public Integer call() throws Exception {
        KernelConfig config = KernelConfig.from(options.load(KernelConfig.KEYS));
        try (Kernel kernel = Kernel.create(config)) {
            kernel.register(Subsystem.builder("math")
                    .route("math://add/{a}/{b}", d -> Long.parseLong(d.param("a")) + Long.parseLong(d.param("b")))
                    .build());
            LongAdder events = new LongAdder();
            kernel.bus().subscribe("demo://ticks/>", m -> events.increment());
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            Thread.ofVirtual().start(() -> workload(kernel));
            System.err.println("sb serve: kernel running (subsystems " + kernel.subsystems() + "); Ctrl-C stops");
            for (long s = 1; seconds == 0 || s <= seconds; s++) {
                if (stop.await(1, java.util.concurrent.TimeUnit.SECONDS)) break;
                Ledger l = kernel.ledger();
                System.err.printf("accepted=%d delivered=%d dead-lettered=%d refused=%d in-flight=%d events=%d backpressure=%s%n",
                        l.accepted(), l.delivered(), l.deadLettered(), l.refused(), kernel.inFlight(), events.sum(), kernel.backpressure().engaged());
            }
        }
        return 0;
    }

    private static void workload(Kernel kernel) {
        long i = 0;
        while (!Thread.currentThread().isInterrupted()) {
            i++;
            Outcome o = kernel.call(Message.of("math://add/" + i + "/1", null));
            if (o instanceof Outcome.Delivered) kernel.bus().publish("demo://ticks/" + (i % 8), i);
            if (i % 1000 == 0) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
