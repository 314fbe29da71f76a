package dev.switchboard.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/*
 * Why: a FaultNodeProcess writes a line for every task it creates or ends, thousands of them; the
 * pipe must be drained all the time or the node would block on a full pipe. This reads every line
 * into memory on its own thread (what the node wrote before SIGKILL stays readable after it), and
 * asks the live node for its ledger.
 */
final class FaultNode implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread drain;
    final InetSocketAddress address;
    final String name;

    private FaultNode(Process process) throws IOException {
        this.process = process;
        var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        if (first == null || !first.startsWith("LISTENING ")) throw new IllegalStateException("node did not start: " + first);
        String[] parts = first.split(" ");
        this.address = new InetSocketAddress("127.0.0.1", Integer.parseInt(parts[1]));
        this.name = parts[2];
        this.drain = Thread.ofPlatform().daemon().name("drain-" + name).start(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) lines.add(line);
            } catch (IOException e) {
                // the process ended: what it wrote is in lines
            }
        });
    }

    static FaultNode start(String natsUrls, long leaseMs) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                FaultNodeProcess.class.getName(), natsUrls, "" + leaseMs)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            return new FaultNode(p);
        } catch (IOException | RuntimeException e) {
            p.destroyForcibly();
            throw e;
        }
    }

    /** Every line after LISTENING, so far; once killed and drained, every line the node wrote. */
    List<String> lines() {
        return lines;
    }

    /** SIGKILL, then waits until the process is gone and its pipe read to the end. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
        drain.join(TimeUnit.SECONDS.toMillis(10));
    }

    /**
     * The node's ledgers now: task created, completed, failed, cancelled, expired, running, then
     * kernel accepted, delivered, dead-lettered, refused.
     */
    long[] ledger() throws InterruptedException {
        int before = lines.size();
        try {
            OutputStream in = process.getOutputStream();
            in.write("ledger\n".getBytes(StandardCharsets.US_ASCII));
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (int i = lines.size() - 1; i >= before; i--) {
                String l = lines.get(i);
                if (l.startsWith("LEDGER ")) {
                    String[] f = l.substring(7).split(" ");
                    long[] v = new long[f.length];
                    for (int j = 0; j < f.length; j++) v[j] = Long.parseLong(f[j]);
                    return v;
                }
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(name + " did not answer for its ledger in 10 s");
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
