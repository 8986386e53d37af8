package dev.leakline.jfr.jdk;

import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.TrackedResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.ProtocolException;
import java.net.URL;
import java.net.URLConnection;
import java.security.Permission;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An {@code HttpURLConnection} that records the life of its response, with client {@code "HttpURLConnection"}:
 * <pre>
 *   HttpURLConnection c = TrackedUrlConnection.open(url);   // or TrackedUrlConnection.wrap(existing)
 * </pre>
 *
 * <p>The response is opened, on the calling thread, the first time the application touches it:
 * {@code getInputStream}, {@code getResponseCode}, {@code getResponseMessage},
 * any {@code getHeaderField*}, {@code getContent*}, {@code getContentLength*}, {@code getContentType},
 * {@code getContentEncoding}, {@code getDate}, {@code getExpiration} or {@code getLastModified}; so the
 * stack trace of {@code leakline.ResponseOpened} shows that line; or {@code getErrorStream} when it
 * returns a stream (it never sends the request itself). This happens even when
 * {@code getInputStream} then throws because the status is 400 or more: the response arrived and holds
 * the connection until its error stream is read or closed, or the connection disconnected.
 *
 * <p>{@code getInputStream} and {@code getErrorStream} return streams that report to the same response:
 * reading either to -1 drains it, closing either closes it. {@code disconnect()} closes it too (by the
 * application) if the body was not closed yet. Every other public method delegates.
 *
 * <p>This class is an {@code HttpURLConnection}, not an {@code HttpsURLConnection}: code that casts the
 * connection of an {@code https} URL to {@code HttpsURLConnection} must keep the original connection
 * (and cannot be tracked by this class).
 */
public final class TrackedUrlConnection extends HttpURLConnection {
    static final String CLIENT = "HttpURLConnection";

    private final HttpURLConnection delegate;
    private final UrlConnectionResponse state;

    private TrackedUrlConnection(HttpURLConnection delegate) {
        super(delegate.getURL());
        this.delegate = delegate;
        this.state = UrlConnectionResponse.of(delegate);
    }

    /**
     * Wraps {@code connection}, before or after it connected (but before its response was touched, to see
     * the opening). When nothing records, returns {@code connection} itself: connections are short-lived,
     * so the next one will be wrapped once a recording starts.
     *
     * @param connection the connection the application opened
     * @return a connection that delegates to {@code connection} and records its response's life
     */
    public static HttpURLConnection wrap(HttpURLConnection connection) {
        Objects.requireNonNull(connection, "connection");
        if (connection instanceof TrackedUrlConnection || !Leakline.isRecording()) {
            return connection;
        }
        return new TrackedUrlConnection(connection);
    }

    /**
     * {@code (HttpURLConnection) url.openConnection()}, wrapped.
     *
     * @param url an {@code http} or {@code https} URL
     * @return the tracked connection (or the plain one when nothing records)
     * @throws IOException as {@link URL#openConnection()}
     * @throws IllegalArgumentException if the URL does not open an {@code HttpURLConnection}
     */
    public static HttpURLConnection open(URL url) throws IOException {
        URLConnection connection = url.openConnection();
        if (!(connection instanceof HttpURLConnection)) {
            throw new IllegalArgumentException("Not an HTTP URL, cannot track it: " + url.getProtocol() + ":...");
        }
        return wrap((HttpURLConnection) connection);
    }

    /** Opens the tracked response once, when the application first touches the response. */
    private TrackedResponse response() {
        return state.response(delegate);
    }

    @Override
    public InputStream getInputStream() throws IOException {
        response();
        return state.input(delegate, delegate.getInputStream());
    }

    /**
     * The tracked error stream, or null. Like the wrapped connection's, this never sends the request: it
     * returns a stream only when a response of status 400 or more has been fetched, and only then is the
     * response opened here (if no earlier call opened it).
     */
    @Override
    public InputStream getErrorStream() {
        // Null: not fetched yet, no error, or an error without a body.
        return state.error(delegate, delegate.getErrorStream());
    }

    @Override
    public void disconnect() {
        try {
            delegate.disconnect();
        } finally {
            state.disconnected();
        }
    }

    @Override
    public int getResponseCode() throws IOException {
        response();
        return delegate.getResponseCode();
    }

    @Override
    public String getResponseMessage() throws IOException {
        response();
        return delegate.getResponseMessage();
    }

    @Override
    public String getHeaderFieldKey(int n) {
        response();
        return delegate.getHeaderFieldKey(n);
    }

    @Override
    public String getHeaderField(int n) {
        response();
        return delegate.getHeaderField(n);
    }

    @Override
    public String getHeaderField(String name) {
        response();
        return delegate.getHeaderField(name);
    }

    @Override
    public Map<String, List<String>> getHeaderFields() {
        response();
        return delegate.getHeaderFields();
    }

    @Override
    public int getHeaderFieldInt(String name, int defaultValue) {
        response();
        return delegate.getHeaderFieldInt(name, defaultValue);
    }

    @Override
    public long getHeaderFieldLong(String name, long defaultValue) {
        response();
        return delegate.getHeaderFieldLong(name, defaultValue);
    }

    @Override
    public long getHeaderFieldDate(String name, long defaultValue) {
        response();
        return delegate.getHeaderFieldDate(name, defaultValue);
    }

    @Override
    public int getContentLength() {
        response();
        return delegate.getContentLength();
    }

    @Override
    public long getContentLengthLong() {
        response();
        return delegate.getContentLengthLong();
    }

    @Override
    public String getContentType() {
        response();
        return delegate.getContentType();
    }

    @Override
    public String getContentEncoding() {
        response();
        return delegate.getContentEncoding();
    }

    @Override
    public long getExpiration() {
        response();
        return delegate.getExpiration();
    }

    @Override
    public long getDate() {
        response();
        return delegate.getDate();
    }

    @Override
    public long getLastModified() {
        response();
        return delegate.getLastModified();
    }

    /** Delegates; the content handler reads the body from the wrapped connection, so this is not tracked further. */
    @Override
    public Object getContent() throws IOException {
        response();
        return delegate.getContent();
    }

    /** Delegates; the content handler reads the body from the wrapped connection, so this is not tracked further. */
    @Override
    @SuppressWarnings("rawtypes")
    public Object getContent(Class[] classes) throws IOException {
        response();
        return delegate.getContent(classes);
    }

    // Everything below delegates and does not touch the response.

    @Override
    public void connect() throws IOException {
        delegate.connect();
    }

    @Override
    public boolean usingProxy() {
        return delegate.usingProxy();
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        return delegate.getOutputStream();
    }

    @Override
    public Permission getPermission() throws IOException {
        return delegate.getPermission();
    }

    @Override
    public void setAuthenticator(Authenticator auth) {
        delegate.setAuthenticator(auth);
    }

    @Override
    public void setFixedLengthStreamingMode(int contentLength) {
        delegate.setFixedLengthStreamingMode(contentLength);
    }

    @Override
    public void setFixedLengthStreamingMode(long contentLength) {
        delegate.setFixedLengthStreamingMode(contentLength);
    }

    @Override
    public void setChunkedStreamingMode(int chunklen) {
        delegate.setChunkedStreamingMode(chunklen);
    }

    @Override
    public void setInstanceFollowRedirects(boolean followRedirects) {
        delegate.setInstanceFollowRedirects(followRedirects);
    }

    @Override
    public boolean getInstanceFollowRedirects() {
        return delegate.getInstanceFollowRedirects();
    }

    @Override
    public void setRequestMethod(String method) throws ProtocolException {
        delegate.setRequestMethod(method);
    }

    @Override
    public String getRequestMethod() {
        return delegate.getRequestMethod();
    }

    @Override
    public void setConnectTimeout(int timeout) {
        delegate.setConnectTimeout(timeout);
    }

    @Override
    public int getConnectTimeout() {
        return delegate.getConnectTimeout();
    }

    @Override
    public void setReadTimeout(int timeout) {
        delegate.setReadTimeout(timeout);
    }

    @Override
    public int getReadTimeout() {
        return delegate.getReadTimeout();
    }

    @Override
    public URL getURL() {
        return delegate.getURL();
    }

    @Override
    public void setDoInput(boolean doinput) {
        delegate.setDoInput(doinput);
    }

    @Override
    public boolean getDoInput() {
        return delegate.getDoInput();
    }

    @Override
    public void setDoOutput(boolean dooutput) {
        delegate.setDoOutput(dooutput);
    }

    @Override
    public boolean getDoOutput() {
        return delegate.getDoOutput();
    }

    @Override
    public void setAllowUserInteraction(boolean allowuserinteraction) {
        delegate.setAllowUserInteraction(allowuserinteraction);
    }

    @Override
    public boolean getAllowUserInteraction() {
        return delegate.getAllowUserInteraction();
    }

    @Override
    public void setUseCaches(boolean usecaches) {
        delegate.setUseCaches(usecaches);
    }

    @Override
    public boolean getUseCaches() {
        return delegate.getUseCaches();
    }

    @Override
    public void setIfModifiedSince(long ifmodifiedsince) {
        delegate.setIfModifiedSince(ifmodifiedsince);
    }

    @Override
    public long getIfModifiedSince() {
        return delegate.getIfModifiedSince();
    }

    @Override
    public boolean getDefaultUseCaches() {
        return delegate.getDefaultUseCaches();
    }

    @Override
    public void setDefaultUseCaches(boolean defaultusecaches) {
        delegate.setDefaultUseCaches(defaultusecaches);
    }

    @Override
    public void setRequestProperty(String key, String value) {
        delegate.setRequestProperty(key, value);
    }

    @Override
    public void addRequestProperty(String key, String value) {
        delegate.addRequestProperty(key, value);
    }

    @Override
    public String getRequestProperty(String key) {
        return delegate.getRequestProperty(key);
    }

    @Override
    public Map<String, List<String>> getRequestProperties() {
        return delegate.getRequestProperties();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
