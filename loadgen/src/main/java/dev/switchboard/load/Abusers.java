package dev.switchboard.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The abusive clients of the {@code abuse} scenario, each on its own virtual thread with a plain
 * blocking socket (a few hundred of them; the generator's Netty client is for the measured load):
 * slowloris heads, silent connections, and never-reading clients whose GET SSE stream and
 * pipelined POST answers are never read. Each reconnects when the server cuts it, and counts how
 * it ended: cut by the server (a timeout or the buffer bound), refused with 503 (a cap), or
 * failed to connect.
 */
final class Abusers implements AutoCloseable {
    private final URI url;
    private final AbuseSpec spec;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private final List<Socket> open = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Map<String, LongAdder> counts = new LinkedHashMap<>();

    Abusers(URI url, AbuseSpec spec) {
        this.url = url;
        this.spec = spec;
        for (String k : List.of("connected", "cutByServer", "answered408", "refused503", "notCut", "connectFailed", "sessionFailed", "ticksSent"))
            counts.put(k, new LongAdder());
    }

    void start() {
        for (int i = 0; i < spec.slowloris(); i++) spawn("slowloris", this::slowloris);
        for (int i = 0; i < spec.silent(); i++) spawn("silent", this::silent);
        for (int i = 0; i < spec.neverReading(); i++) spawn("never-reading", this::neverReading);
        if (spec.neverReading() > 0 && spec.touchHz() > 0) spawn("ticker", this::touchTicker);
    }

    /** How the abusers fared, by kind of ending. */
    Map<String, Long> counts() {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    private interface Loop {
        void once() throws IOException, InterruptedException;
    }

    private void spawn(String name, Loop body) {
        threads.add(Thread.ofVirtual().name("sb-abuse-" + name).start(() -> {
            while (!stop.get()) {
                try {
                    body.once();
                } catch (InterruptedException e) {
                    return;
                } catch (IOException e) {
                    if (stop.get()) return;
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }));
    }

    /** Echo calls a never-reading client sends at once: with 256 KiB each, 3 MiB of answers, more than loopback socket buffers absorb. */
    static final int PIPELINED = 12;

    private Socket connect(int receiveBuffer) throws IOException {
        Socket s = new Socket();
        if (receiveBuffer > 0) s.setReceiveBufferSize(receiveBuffer);
        try {
            s.connect(new InetSocketAddress("127.0.0.1", url.getPort()), 5_000);
        } catch (IOException e) {
            counts.get("connectFailed").increment();
            s.close();
            throw e;
        }
        counts.get("connected").increment();
        open.add(s);
        return s;
    }

    private void ended(Socket s, String firstBytes) throws IOException {
        open.remove(s);
        s.close();
        if (stop.get()) return;
        if (firstBytes.startsWith("HTTP/1.1 503")) counts.get("refused503").increment();
        else {
            counts.get("cutByServer").increment();
            if (firstBytes.startsWith("HTTP/1.1 408")) counts.get("answered408").increment();
        }
    }

    /** A request head sent one byte per interval; a reader notes when the server answers or cuts. */
    private void slowloris() throws IOException, InterruptedException {
        Socket s = connect(0);
        byte[] head = ("POST " + url.getPath() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + "s".repeat(4_000)).getBytes(StandardCharsets.US_ASCII);
        StringBuilder answer = new StringBuilder();
        Thread reader = Thread.ofVirtual().start(() -> answer.append(readAll(s)));
        try {
            for (int i = 0; i < head.length && reader.isAlive() && !stop.get(); i++) {
                s.getOutputStream().write(head[i]);
                s.getOutputStream().flush();
                counts.get("ticksSent").increment();
                Thread.sleep(spec.trickle().toMillis());
            }
        } catch (IOException cut) {
            // the server closed while we were writing: the reader has what it said
        }
        reader.join(2_000);
        ended(s, answer.toString());
    }

    /** Connects and sends nothing; waits for the server to give up on it. */
    private void silent() throws IOException {
        Socket s = connect(0);
        ended(s, readAll(s));
    }

    /**
     * A session whose GET stream (subscribed to the ticker) is never read, and a second connection
     * that sends {@link #PIPELINED} large echo calls at once and reads none of the answers: what
     * the server sends them can only pile up in its buffers until the bound cuts them. They then
     * hold on, reading nothing, until the run ends, and only then look whether they were cut.
     */
    private void neverReading() throws IOException, InterruptedException {
        String session;
        try (Socket setup = connect(0)) {
            setup.setSoTimeout(10_000);
            session = RawExchange.initialize(setup, url);
            RawExchange.call(setup, url, session, "resources/subscribe", "{\"uri\":\"switchboard://demo/ticker\"}");
        } catch (IOException e) {
            counts.get("sessionFailed").increment();
            throw e;
        }
        Socket stream = connect(4 * 1024);
        Socket posts = connect(4 * 1024);
        try {
            stream.getOutputStream().write(("GET " + url.getPath() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\nMcp-Session-Id: " + session
                    + "\r\nMCP-Protocol-Version: " + Requests.PROTOCOL_VERSION + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String text = "e".repeat(spec.echoBytes());
            byte[] call = RawExchange.post(url, session, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":\"" + text + "\"}}}");
            OutputStream out = posts.getOutputStream();
            for (int i = 0; i < PIPELINED && !stop.get(); i++) out.write(call);
            out.flush();
            // hold on without reading until the run ends; only then look whether the server cut the connection
            while (!stop.get()) Thread.sleep(100);
            if (endsWithin(posts, 200)) counts.get("cutByServer").increment();
            else counts.get("notCut").increment();
        } catch (IOException e) {
            // the server closed the POST connection while we were still writing, or (stopping) we did
            if (stop.get()) counts.get("notCut").increment();
            else ended(posts, "");
            while (!stop.get()) Thread.sleep(100);
        } finally {
            open.remove(posts);
            posts.close();
            open.remove(stream);
            stream.close();
        }
    }

    /** Changes the demo's ticker at {@code touchHz}, so the never-reading SSE streams have events coming. */
    private void touchTicker() throws IOException, InterruptedException {
        try (Socket s = connect(0)) {
            s.setSoTimeout(10_000);
            String session = RawExchange.initialize(s, url);
            long period = (long) (1e9 / spec.touchHz());
            long next = System.nanoTime();
            while (!stop.get()) {
                RawExchange.call(s, url, session, "tools/call", "{\"name\":\"ticker_touch\",\"arguments\":{}}");
                next += period;
                long wait = next - System.nanoTime();
                if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
    }

    /** Whether the server has closed {@code s}: reads what it sent until the end, or gives up after {@code millis} of silence. */
    private static boolean endsWithin(Socket s, int millis) {
        try {
            s.setSoTimeout(millis);
            byte[] buf = new byte[64 * 1024];
            while (s.getInputStream().read(buf) >= 0) {
                // drain: what the server sent before it closed
            }
            return true;
        } catch (java.net.SocketTimeoutException open) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    /** Reads until the server closes; answers the first bytes it sent (an answer like 408 or 503). */
    private static String readAll(Socket s) {
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        try {
            InputStream in = s.getInputStream();
            byte[] buf = new byte[1024];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) if (first.size() < 64) first.write(buf, 0, Math.min(n, 64));
        } catch (IOException e) {
            // reset or closed by us: either way it ended
        }
        return first.toString(StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT).startsWith("HTTP") ? first.toString(StandardCharsets.US_ASCII) : "";
    }

    @Override
    public void close() {
        stop.set(true);
        try {
            // the never-reading clients look whether they were cut before their sockets are closed under them
            Thread.sleep(600);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (open) {
            for (Socket s : open) {
                try {
                    s.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        }
        for (Thread t : threads) {
            t.interrupt();
            try {
                t.join(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
