package dev.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS from PEM files: TLS 1.2+ only, and a replaced certificate is served without a restart. */
class TlsFilesTest {
    private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

    @TempDir
    Path dir;

    /** Trusts any certificate for any host name (an extended manager, so the JDK adds no host check) and remembers the last one it saw. */
    private static final class Remembering extends X509ExtendedTrustManager {
        volatile X509Certificate seen;

        @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType) { seen = chain[0]; }
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) { seen = chain[0]; }
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { seen = chain[0]; }
        @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    }

    private static HttpClient client(Remembering trust, String... protocols) throws Exception {
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, new TrustManager[] {trust}, new SecureRandom());
        SSLParameters params = new SSLParameters();
        params.setProtocols(protocols);
        return HttpClient.newBuilder().sslContext(ssl).sslParameters(params).build();
    }

    /** Puts the test certificate for {@code name} (self-signed, EC P-256, valid for 100 years, made with openssl) in place. */
    private void install(String name) throws Exception {
        for (String part : new String[] {"cert", "key"})
            try (var in = TlsFilesTest.class.getResourceAsStream("tls/" + name + "-" + part + ".pem")) {
                Files.copy(in, dir.resolve(part + ".pem"), StandardCopyOption.REPLACE_EXISTING);
            }
    }

    @Test
    void https_servesMcp_refusesTls11_andServesAReplacedCertificateWithoutARestart() throws Exception {
        install("first");
        TlsFiles tls = new TlsFiles(dir.resolve("cert.pem"), dir.resolve("key.pem"));
        EchoHost host = new EchoHost(10);
        try (StreamableHttpServer http = StreamableHttpServer.start(host, host.codec, HttpSettings.defaults().withPort(0), HttpRoutes.none(), null, tls)) {
            URI uri = URI.create("https://127.0.0.1:" + http.port() + "/mcp");
            HttpRequest init = HttpRequest.newBuilder(uri).header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(INIT)).build();
            Remembering trust = new Remembering();
            assertThat(client(trust, "TLSv1.3").send(init, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(trust.seen.getSubjectX500Principal().getName()).contains("first.test");
            assertThat(client(new Remembering(), "TLSv1.2").send(init, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThatThrownBy(() -> client(new Remembering(), "TLSv1.1").send(init, HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOfAny(SSLHandshakeException.class, java.io.IOException.class);

            install("second");
            Files.setLastModifiedTime(dir.resolve("cert.pem"), FileTime.from(Instant.now().plusSeconds(5)));
            // the files are looked at once a second, as connections arrive: each attempt is a new connection
            Remembering later = new Remembering();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
                HttpClient c = client(later, "TLSv1.3");
                return c.send(init, HttpResponse.BodyHandlers.ofString()).statusCode() == 200
                        && later.seen.getSubjectX500Principal().getName().contains("second.test");
            });
        }
    }

    @Test
    void unreadableFiles_areRefusedNamingTheKeys() {
        assertThatThrownBy(() -> new TlsFiles(dir.resolve("missing.pem"), dir.resolve("key.pem")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http.tls.certFile").hasMessageContaining("missing.pem");
    }
}
