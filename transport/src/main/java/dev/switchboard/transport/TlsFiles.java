package dev.switchboard.transport;

import dev.switchboard.kernel.Config;
import dev.switchboard.kernel.ConfigKey;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

/**
 * HTTPS for a listener from a PEM certificate chain and a PEM (PKCS#8) private key, TLS 1.2 and
 * 1.3 only. The files are read again when either one's modification time changes (looked at no
 * more than once a second, as connections arrive), so a renewed certificate is served to new
 * connections without a restart; a renewal that does not load keeps the previous context and
 * logs why.
 */
public final class TlsFiles {
    public static final ConfigKey<String> CERT_FILE = ConfigKey.string("http.tls.certFile", "",
            "PEM certificate chain for HTTPS (empty: plain HTTP); reloaded when the file changes");
    public static final ConfigKey<String> KEY_FILE = ConfigKey.string("http.tls.keyFile", "", "PEM (PKCS#8) private key for HTTPS");
    /** Both TLS keys. */
    public static final List<ConfigKey<?>> KEYS = List.of(CERT_FILE, KEY_FILE);
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    private static final long CHECK_EVERY_NANOS = 1_000_000_000L;
    private static final System.Logger LOG = System.getLogger(TlsFiles.class.getName());

    private final Path certFile;
    private final Path keyFile;
    private volatile SslContext context;
    private volatile FileTime certTime;
    private volatile FileTime keyTime;
    private volatile long checkedAt;

    /** Loads both files now; an {@link IllegalArgumentException} names the file that does not load. */
    public TlsFiles(Path certFile, Path keyFile) {
        this.certFile = certFile;
        this.keyFile = keyFile;
        try {
            load();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot load TLS certificate " + certFile + " (http.tls.certFile) with key " + keyFile
                    + " (http.tls.keyFile): " + e.getMessage(), e);
        }
    }

    /** The files {@code config} names, or {@code null} when {@code http.tls.certFile} is empty. */
    public static TlsFiles from(Config config) {
        String cert = config.get(CERT_FILE), key = config.get(KEY_FILE);
        if (cert.isEmpty() && key.isEmpty()) return null;
        if (cert.isEmpty() || key.isEmpty()) throw new IllegalArgumentException("http.tls.certFile and http.tls.keyFile must be set together");
        return new TlsFiles(Path.of(cert), Path.of(key));
    }

    private void load() throws IOException {
        FileTime c = Files.getLastModifiedTime(certFile), k = Files.getLastModifiedTime(keyFile);
        context = SslContextBuilder.forServer(certFile.toFile(), keyFile.toFile()).protocols(PROTOCOLS).build();
        certTime = c;
        keyTime = k;
    }

    /** A handler for a new connection, from the current files. */
    SslHandler newHandler(ByteBufAllocator alloc) {
        long now = System.nanoTime();
        if (now - checkedAt > CHECK_EVERY_NANOS) {
            checkedAt = now;
            reloadIfChanged();
        }
        return context.newHandler(alloc);
    }

    private void reloadIfChanged() {
        try {
            if (Files.getLastModifiedTime(certFile).equals(certTime) && Files.getLastModifiedTime(keyFile).equals(keyTime)) return;
            load();
            LOG.log(System.Logger.Level.INFO, "reloaded the TLS certificate from {0}", certFile);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "keeping the previous TLS certificate: " + certFile + " or " + keyFile + " does not load: " + e.getMessage());
        }
    }
}
