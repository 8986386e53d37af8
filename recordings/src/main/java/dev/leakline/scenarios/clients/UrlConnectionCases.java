package dev.leakline.scenarios.clients;

import dev.leakline.jfr.jdk.TrackedUrlConnection;
import dev.leakline.scenarios.Case;
import dev.leakline.scenarios.ClientCases;
import dev.leakline.scenarios.Opened;
import java.util.List;

/**
 * The scenarios on {@code HttpURLConnection}, wrapped by {@link TrackedUrlConnection}. The JDK keeps one
 * keep-alive cache per JVM and there is no client object, so each "client" here is the JVM itself.
 *
 * <p>No thread is listed as alive at the end: HttpURLConnection starts no thread per client, and its
 * JVM-wide {@code Keep-Alive-Timer} (and, for bodies closed with much left unread,
 * {@code Keep-Alive-SocketCleaner}) ends by itself once the cache is empty, about when the recording is
 * dumped, so whether it is still there is a matter of timing.
 */
public final class UrlConnectionCases implements ClientCases {
    @Override
    public String client() {
        return "HttpURLConnection";
    }

    @Override
    public String folder() {
        return "httpurlconnection";
    }

    @Override
    public void neitherReadNorClosed(Case c) throws Exception {
        for (int i = 0; i < c.requests(); i++) {
            c.opened(TrackedUrlConnection.open(c.url()).getInputStream());
        }
    }

    @Override
    public void closedUnread(Case c) throws Exception {
        for (int i = 0; i < c.requests(); i++) {
            c.opened(TrackedUrlConnection.open(c.url()).getInputStream());
        }
    }

    @Override
    public void readToEnd(Case c) throws Exception {
        for (int i = 0; i < c.requests(); i++) {
            c.opened(TrackedUrlConnection.open(c.url()).getInputStream());
        }
    }

    @Override
    public void readAndClosed(Case c) throws Exception {
        for (int i = 0; i < c.requests(); i++) {
            c.opened(TrackedUrlConnection.open(c.url()).getInputStream());
        }
    }

    @Override
    public String noClientPerRequest() {
        return "HttpURLConnection has no client object: every connection already comes from the JVM-wide"
                + " keep-alive cache, so there is no client to build per request or to close.";
    }

    @Override
    public Opened orders(Case c) throws Exception {
        return c.opened(TrackedUrlConnection.open(c.url()).getInputStream());
    }

    @Override
    public Opened catalog(Case c) throws Exception {
        return c.opened(TrackedUrlConnection.open(c.url()).getInputStream());
    }

    @Override
    public Opened reports(Case c) throws Exception {
        return c.opened(TrackedUrlConnection.open(c.url()).getInputStream());
    }

    @Override
    public List<String> threadsPerHeldClient() {
        return List.of();
    }

    /** Part of the JDK: its behaviour can change with the JDK, so it is recorded on JDK 25 too. */
    @Override
    public boolean partOfTheJdk() {
        return true;
    }
}
