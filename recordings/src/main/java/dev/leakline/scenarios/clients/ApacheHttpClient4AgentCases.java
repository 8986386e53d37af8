package dev.leakline.scenarios.clients;

import dev.leakline.scenarios.Case;
import dev.leakline.scenarios.ClientCases;
import dev.leakline.scenarios.Opened;
import dev.leakline.scenarios.Scenario;
import java.util.List;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;

/**
 * The four cases on Apache HttpClient 4.5 classic with no Leakline call: recorded under
 * {@code -javaagent:leakline-agent.jar}, which instruments the client (its pooling connection manager and
 * protocol exec chain element). Each request is {@code execute}, its body the entity's content stream; closing
 * that stream is the application's close. Each case builds its client with a pool of {@link Case#requests()}
 * connections per route (HttpClient 4.5's own default is 2, on which neither-read-nor-closed would wait
 * forever for a third connection). No client here starts a thread (no idle-connection evictor).
 */
public final class ApacheHttpClient4AgentCases implements ClientCases {
    @Override
    public String client() {
        return "apache-httpclient4";
    }

    @Override
    public String folder() {
        return "apache-httpclient4";
    }

    @Override
    public String title() {
        return "Apache HttpClient 4.5 under leakline-agent";
    }

    @Override
    public boolean underAgent() {
        return true;
    }

    @Override
    public boolean records(Scenario scenario) {
        return scenario == Scenario.FOUR_CASES_SMALL;
    }

    private static CloseableHttpClient client(Case c) {
        return HttpClients.custom().setMaxConnPerRoute(c.requests()).setMaxConnTotal(c.requests()).build();
    }

    @Override
    public void neitherReadNorClosed(Case c) throws Exception {
        CloseableHttpClient client = c.built(client(c));
        for (int i = 0; i < c.requests(); i++) {
            c.opened(client.execute(new HttpGet(c.uri())).getEntity().getContent());
        }
    }

    @Override
    public void closedUnread(Case c) throws Exception {
        CloseableHttpClient client = c.built(client(c));
        for (int i = 0; i < c.requests(); i++) {
            c.opened(client.execute(new HttpGet(c.uri())).getEntity().getContent());
        }
    }

    @Override
    public void readToEnd(Case c) throws Exception {
        CloseableHttpClient client = c.built(client(c));
        for (int i = 0; i < c.requests(); i++) {
            c.opened(client.execute(new HttpGet(c.uri())).getEntity().getContent());
        }
    }

    @Override
    public void readAndClosed(Case c) throws Exception {
        CloseableHttpClient client = c.built(client(c));
        for (int i = 0; i < c.requests(); i++) {
            c.opened(client.execute(new HttpGet(c.uri())).getEntity().getContent());
        }
    }

    @Override
    public String noClientPerRequest() {
        return "only the four cases are recorded for this client, under the agent.";
    }

    @Override
    public Opened orders(Case c) {
        throw new UnsupportedOperationException("only the four cases are recorded for " + client());
    }

    @Override
    public Opened catalog(Case c) {
        throw new UnsupportedOperationException("only the four cases are recorded for " + client());
    }

    @Override
    public Opened reports(Case c) {
        throw new UnsupportedOperationException("only the four cases are recorded for " + client());
    }

    @Override
    public List<String> threadsPerHeldClient() {
        return List.of();
    }
}
