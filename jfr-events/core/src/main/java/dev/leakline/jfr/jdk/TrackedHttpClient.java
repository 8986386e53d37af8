package dev.leakline.jfr.jdk;

import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.internal.Emitter;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.PushPromiseHandler;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A {@code java.net.http.HttpClient} that records the life of each response it returns, with client
 * {@code "java.net.http"}:
 * <pre>
 *   HttpClient client = TrackedHttpClient.wrap(HttpClient.newHttpClient());
 * </pre>
 *
 * <p>What is recorded depends on the body handler:
 * <ul>
 *   <li>{@code ofInputStream()}: opened; drained when the application reads to -1; closed when it calls
 *       {@code close()}. Bytes read are the bytes the application read.</li>
 *   <li>{@code ofLines()}: opened; drained when the stream runs out of lines; closed on {@code Stream.close()}.
 *       Bytes read are the bytes the client received.</li>
 *   <li>{@code ofPublisher()}: opened; drained on {@code onComplete}; closed when the subscriber cancels.</li>
 *   <li>Every body the client buffers whole ({@code ofString()}, {@code ofByteArray()}, {@code discarding()},
 *       {@code ofFile(..)}, and any other type): opened, then drained and closed by the library at once.</li>
 * </ul>
 *
 * <p>{@code send} records {@code leakline.ResponseOpened} on the calling thread after the response head
 * arrived, so its stack trace shows the application's line. {@code sendAsync} records it when the future
 * completes, on a thread of the client's executor, whose stack trace shows no application frame; so
 * {@code sendAsync} first records {@code leakline.RequestStarted} on the calling thread, with the application's
 * stack trace and the id the response's events will carry. Responses to HTTP/2 server pushes are not tracked.
 *
 * <p>When no recording wants Leakline events, {@code send} and {@code sendAsync} go straight to the wrapped
 * client after one check. Every other method delegates, including {@code shutdown}, {@code shutdownNow},
 * {@code awaitTermination}, {@code isTerminated} and {@code close} on JDK 21 and later (on older JDKs those
 * methods do nothing and report the client not terminated).
 */
public final class TrackedHttpClient extends HttpClient {
    private final HttpClient delegate;

    private TrackedHttpClient(HttpClient delegate) {
        this.delegate = delegate;
    }

    /**
     * Wraps {@code client}. Wrapping a client that is already tracked returns it unchanged.
     *
     * @param client the client the application built
     * @return a client that sends through {@code client} and records each response's life
     */
    public static HttpClient wrap(HttpClient client) {
        Objects.requireNonNull(client, "client");
        return client instanceof TrackedHttpClient ? client : new TrackedHttpClient(client);
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, BodyHandler<T> responseBodyHandler)
            throws IOException, InterruptedException {
        if (!Leakline.isRecording()) {
            return delegate.send(request, responseBodyHandler);
        }
        AtomicLong received = new AtomicLong();
        HttpResponse<T> response = delegate.send(request, counting(responseBodyHandler, received));
        // Opened here, on the caller's thread: the body handler ran on one of the client's threads.
        return Bodies.track(response, received, 0);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, BodyHandler<T> responseBodyHandler) {
        if (!Leakline.isRecording()) {
            return delegate.sendAsync(request, responseBodyHandler);
        }
        long started = started(request);
        AtomicLong received = new AtomicLong();
        return tracked(delegate.sendAsync(request, counting(responseBodyHandler, received)), received, started);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, BodyHandler<T> responseBodyHandler,
            PushPromiseHandler<T> pushPromiseHandler) {
        if (!Leakline.isRecording()) {
            return delegate.sendAsync(request, responseBodyHandler, pushPromiseHandler);
        }
        long started = started(request);
        AtomicLong received = new AtomicLong();
        return tracked(delegate.sendAsync(request, counting(responseBodyHandler, received), pushPromiseHandler),
                received, started);
    }

    static <T> BodyHandler<T> counting(BodyHandler<T> handler, AtomicLong received) {
        if (handler == null) {
            return null; // Let the client reject it with its own exception.
        }
        return new CountingHandler<>(handler, received);
    }

    /**
     * Records the start of an asynchronous request on the application's thread; the response id to open its
     * response with, 0 when nothing records starts. {@code send} records none: its open has the caller's stack.
     */
    static long started(HttpRequest request) {
        if (request == null) {
            return 0; // The client rejects it with its own exception.
        }
        try {
            return Leakline.requestStarted(Bodies.CLIENT, request.method(), String.valueOf(request.uri()));
        } catch (RuntimeException | LinkageError e) {
            Emitter.failed(e);
            return 0;
        }
    }

    static <T> CompletableFuture<HttpResponse<T>> tracked(CompletableFuture<HttpResponse<T>> sent,
            AtomicLong received, long started) {
        CompletableFuture<HttpResponse<T>> result = sent.thenApply(response -> Bodies.track(response, received,
                started));
        // Cancelling what the application holds must still cancel the exchange.
        result.whenComplete((response, failure) -> {
            if (result.isCancelled()) {
                sent.cancel(true);
            }
        });
        return result;
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }

    @Override
    public WebSocket.Builder newWebSocketBuilder() {
        return delegate.newWebSocketBuilder();
    }

    /** Delegates {@code HttpClient.shutdown()} (JDK 21+); does nothing on older JDKs. */
    public void shutdown() {
        ClientLifecycle.shutdown(delegate);
    }

    /** Delegates {@code HttpClient.shutdownNow()} (JDK 21+); does nothing on older JDKs. */
    public void shutdownNow() {
        ClientLifecycle.shutdownNow(delegate);
    }

    /**
     * Delegates {@code HttpClient.awaitTermination(Duration)} (JDK 21+); returns false at once on older JDKs.
     *
     * @param duration how long to wait
     * @return whether the wrapped client terminated
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitTermination(Duration duration) throws InterruptedException {
        Objects.requireNonNull(duration, "duration");
        return ClientLifecycle.awaitTermination(delegate, duration);
    }

    /**
     * Delegates {@code HttpClient.isTerminated()} (JDK 21+); false on older JDKs.
     *
     * @return whether the wrapped client terminated
     */
    public boolean isTerminated() {
        return ClientLifecycle.isTerminated(delegate);
    }

    /** Closes the wrapped client: {@code HttpClient.close()} on JDK 21+; does nothing on older JDKs. */
    public void close() {
        ClientLifecycle.close(delegate);
    }

    @Override
    public String toString() {
        return "TrackedHttpClient[" + delegate + "]";
    }
}
