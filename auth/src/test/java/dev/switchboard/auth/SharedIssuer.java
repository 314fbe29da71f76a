package dev.switchboard.auth;

import no.nav.security.mock.oauth2.MockOAuth2Server;

/**
 * One mock-oauth2-server for the test classes that do not change its keys: it costs seconds to
 * start on a loaded machine, and the test JVM ends it on exit.
 */
final class SharedIssuer {
    private static MockOAuth2Server issuer;

    private SharedIssuer() {}

    static synchronized MockOAuth2Server get() {
        if (issuer == null) {
            issuer = new MockOAuth2Server();
            issuer.start();
            Runtime.getRuntime().addShutdownHook(new Thread(issuer::shutdown));
        }
        return issuer;
    }
}
