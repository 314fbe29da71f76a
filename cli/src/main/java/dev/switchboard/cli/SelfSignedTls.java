package dev.switchboard.cli;

import dev.switchboard.transport.TlsFiles;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.security.cert.CertificateException;

/** {@code sb serve --tls-self-signed}: a throwaway certificate for localhost, for trying HTTPS locally. */
final class SelfSignedTls {
    private SelfSignedTls() {}

    static TlsFiles create() {
        try {
            SelfSignedCertificate cert = new SelfSignedCertificate("localhost");
            cert.certificate().deleteOnExit();
            cert.privateKey().deleteOnExit();
            return new TlsFiles(cert.certificate().toPath(), cert.privateKey().toPath());
        } catch (CertificateException e) {
            throw new IllegalStateException("cannot make a self-signed certificate: " + e.getMessage(), e);
        }
    }
}
