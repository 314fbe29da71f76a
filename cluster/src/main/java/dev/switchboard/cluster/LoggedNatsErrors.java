package dev.switchboard.cluster;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamSubscription;
import io.nats.client.support.Status;
import java.lang.System.Logger.Level;

/* Why: jnats reports asynchronous errors to stderr by default; library code logs through System.Logger. */
final class LoggedNatsErrors implements ErrorListener {
    private static final System.Logger LOG = System.getLogger(NatsCluster.class.getName());

    @Override
    public void errorOccurred(Connection conn, String error) {
        LOG.log(Level.WARNING, "NATS error: " + error);
    }

    @Override
    public void exceptionOccurred(Connection conn, Exception exp) {
        LOG.log(Level.WARNING, "NATS connection problem: " + exp.getMessage());
    }

    // 404 "No Messages" and 408 "Request Timeout" end every pull the task queue makes (JetStreamTaskStore.take): normal, not news.
    @Override
    public void pullStatusWarning(Connection conn, JetStreamSubscription sub, Status status) {
    }
}
