package dev.switchboard.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS settings for the client's own sockets (TCP over TLS): a context that trusts exactly the
 * certificates of a PEM file, for a server with a self-signed or private-CA certificate.
 *
 * <pre>{@code
 * McpClient c = McpClient.builder().tcp("localhost", 7443, ClientTls.trusting(Path.of("server-cert.pem")));
 * }</pre>
 */
public final class ClientTls {
    private ClientTls() {}

    /**
     * A TLS context that trusts the certificates in {@code pemFile} (one or more PEM blocks) and
     * nothing else; the host name is still checked against the certificate.
     *
     * @throws IllegalArgumentException when the file cannot be read or holds no certificate
     */
    public static SSLContext trusting(Path pemFile) {
        try (InputStream in = Files.newInputStream(pemFile)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) store.setCertificateEntry("trusted-" + i++, c);
            if (i == 0) throw new IllegalArgumentException("no certificate in " + pemFile);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot trust the certificates of " + pemFile + ": " + e.getMessage(), e);
        }
    }
}
