package dev.leakline.jfr.jdk;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/** The client's response with its body replaced by one that reports to Leakline; everything else delegates. */
final class TrackedHttpResponse<T> implements HttpResponse<T> {
    private final HttpResponse<T> delegate;
    private final T body;

    TrackedHttpResponse(HttpResponse<T> delegate, T body) {
        this.delegate = delegate;
        this.body = body;
    }

    @Override
    public int statusCode() {
        return delegate.statusCode();
    }

    @Override
    public HttpRequest request() {
        return delegate.request();
    }

    @Override
    public Optional<HttpResponse<T>> previousResponse() {
        return delegate.previousResponse();
    }

    @Override
    public HttpHeaders headers() {
        return delegate.headers();
    }

    @Override
    public T body() {
        return body;
    }

    @Override
    public Optional<SSLSession> sslSession() {
        return delegate.sslSession();
    }

    @Override
    public URI uri() {
        return delegate.uri();
    }

    @Override
    public HttpClient.Version version() {
        return delegate.version();
    }

    /**
     * Overrides {@code HttpResponse.connectionLabel()} on JDK 25 and later, where it exists, so that the
     * application still sees the client's label; on older JDKs it is an ordinary method.
     *
     * @return the label of the connection that carried this response, if the client tells
     */
    public Optional<String> connectionLabel() {
        Object label = Bodies.connectionLabel(delegate);
        if (label instanceof Optional && ((Optional<?>) label).isPresent()) {
            return Optional.of(((Optional<?>) label).get().toString());
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
