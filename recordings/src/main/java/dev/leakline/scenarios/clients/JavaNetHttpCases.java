package dev.leakline.scenarios.clients;

import dev.leakline.jfr.jdk.TrackedHttpClient;
import dev.leakline.scenarios.Case;
import dev.leakline.scenarios.ClientCases;
import dev.leakline.scenarios.Opened;
import java.lang.reflect.Method;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;

/**
 * The scenarios on {@code java.net.http.HttpClient}, wrapped by {@link TrackedHttpClient}, bodies taken
 * as {@code InputStream}s (the handler whose body an application can abandon). HTTP/1.1 is asked for
 * explicitly so that no h2c upgrade attempt mixes into the connection counts.
 */
public final class JavaNetHttpCases implements ClientCases {
    private HttpClient shared;

    @Override
    public String client() {
        return "java.net.http";
    }

    @Override
    public String folder() {
        return "java-net-http";
    }

    /**
     * The builder; {@code build()} is called on the case's own line (with the bookkeeping call), so that
     * the stack trace of the client's thread start names the same line as the truth file.
     */
    private static HttpClient.Builder builder() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
    }

    private static HttpRequest get(Case c) {
        return HttpRequest.newBuilder(c.uri()).GET().build();
    }

    @Override
    public void neitherReadNorClosed(Case c) throws Exception {
        HttpClient client = c.built(TrackedHttpClient.wrap(builder().build()));
        for (int i = 0; i < c.requests(); i++) {
            c.opened(client.send(get(c), BodyHandlers.ofInputStream()).body());
        }
    }

    @Override
    public void closedUnread(Case c) throws Exception {
        HttpClient client = c.built(TrackedHttpClient.wrap(builder().build()));
        for (int i = 0; i < c.requests(); i++) {
            c.opened(client.send(get(c), BodyHandlers.ofInputStream()).body());
        }
    }

    @Override
    public void readToEnd(Case c) throws Exception {
        HttpClient client = c.built(TrackedHttpClient.wrap(builder().build()));
        for (int i = 0; i < c.requests(); i++) {
            c.opened(client.send(get(c), BodyHandlers.ofInputStream()).body());
        }
    }

    @Override
    public void readAndClosed(Case c) throws Exception {
        HttpClient client = c.built(TrackedHttpClient.wrap(builder().build()));
        for (int i = 0; i < c.requests(); i++) {
            c.opened(client.send(get(c), BodyHandlers.ofInputStream()).body());
        }
    }

    @Override
    public void clientPerRequest(Case c) throws Exception {
        for (int i = 0; i < c.requests(); i++) {
            HttpClient client = c.built(TrackedHttpClient.wrap(builder().build()));
            c.opened(client.send(get(c), BodyHandlers.ofInputStream()).body());
        }
    }

    @Override
    public void clientPerRequestClosed(Case c) throws Exception {
        for (int i = 0; i < c.requests(); i++) {
            HttpClient client = c.built(TrackedHttpClient.wrap(builder().build()));
            c.opened(client.send(get(c), BodyHandlers.ofInputStream()).body());
            close(client, c);
        }
    }

    /**
     * {@code HttpClient.close()} where the JDK has it (21 and later); on older JDKs there is no way to
     * close a client, so the scenario lets go of it and the run ends with a garbage collection.
     */
    private static void close(HttpClient client, Case c) throws Exception {
        Method close;
        try {
            close = HttpClient.class.getMethod("close");
        } catch (NoSuchMethodException e) {
            c.droppedClient(client);
            return;
        }
        close.invoke(client);
        c.closedClient(client);
    }

    private synchronized HttpClient shared(Case c) {
        if (shared == null) {
            shared = c.built(TrackedHttpClient.wrap(builder().build()));
        }
        return shared;
    }

    @Override
    public Opened orders(Case c) throws Exception {
        return c.opened(shared(c).send(get(c), BodyHandlers.ofInputStream()).body());
    }

    @Override
    public Opened catalog(Case c) throws Exception {
        return c.opened(shared(c).send(get(c), BodyHandlers.ofInputStream()).body());
    }

    @Override
    public Opened reports(Case c) throws Exception {
        return c.opened(shared(c).send(get(c), BodyHandlers.ofInputStream()).body());
    }

    @Override
    public List<String> threadsPerHeldClient() {
        return List.of("HttpClient-#-SelectorManager");
    }

    @Override
    public void clientPerRequestAbandoned(Case c) throws Exception {
        for (int i = 0; i < c.requests(); i++) {
            HttpClient client = c.built(TrackedHttpClient.wrap(builder().build()));
            c.opened(client.send(get(c), BodyHandlers.ofInputStream()).body());
            c.droppedClient(client);
        }
    }

    /** An unfinished HTTP/1.1 exchange keeps its connection registered with the client's selector. */
    @Override
    public Boolean abandonedBodyKeepsClient() {
        return true;
    }

    /** Part of the JDK: its behaviour can change with the JDK, so it is recorded on JDK 25 too. */
    @Override
    public boolean partOfTheJdk() {
        return true;
    }
}
