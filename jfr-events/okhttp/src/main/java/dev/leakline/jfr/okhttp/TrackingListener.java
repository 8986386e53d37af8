package dev.leakline.jfr.okhttp;

import dev.leakline.jfr.Actor;
import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.ReleaseOutcome;
import dev.leakline.jfr.TrackedResponse;
import dev.leakline.jfr.internal.Emitter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.util.List;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.Handshake;
import okhttp3.HttpUrl;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;

/**
 * One call's listener: forwards every event to the user's listener (first, so that Leakline never changes
 * what the user's listener sees), and records what Leakline needs:
 * <ul>
 *   <li>{@code callStart}: the request's start, on the thread that called {@code execute()} or
 *       {@code enqueue()}, with that thread's stack trace;</li>
 *   <li>{@code connectionAcquired}: the connection's id (from its socket's local and remote address and port,
 *       numeric, fixed for the connection's life, see {@link Leakline#connectionId(java.net.SocketAddress,
 *       java.net.SocketAddress)}) and its pool's name;</li>
 *   <li>{@code requestHeadersEnd}: the {@link CallState} the interceptor tagged the request with, which gets the
 *       start's response id;</li>
 *   <li>{@code responseBodyEnd}: whether the body ended before the application closed it;</li>
 *   <li>{@code connectionReleased}: pooled, or closed when OkHttp closed the socket (it does so before this
 *       event).</li>
 * </ul>
 */
final class TrackingListener extends EventListener {
    private final EventListener user;
    private final String poolName;
    // One call's events arrive on one thread at a time, but not always the same thread (enqueue).
    private volatile long connectionId;
    private volatile String pool;
    private volatile CallState state;
    /** The response id {@code callStart} reserved, 0 when nothing recorded the start. */
    private volatile long started;

    TrackingListener(EventListener user, String poolName) {
        this.user = user;
        this.poolName = poolName;
    }

    @Override
    public void connectionAcquired(Call call, Connection connection) {
        user.connectionAcquired(call, connection);
        try {
            Socket socket = connection.socket();
            connectionId = Leakline.connectionId(socket.getLocalSocketAddress(), socket.getRemoteSocketAddress());
            pool = poolName != null ? poolName : origin(connection.route().address().url());
            CallState s = state;
            if (s != null) {
                s.connection(connectionId, pool);
            }
        } catch (RuntimeException | LinkageError e) {
            Emitter.failed(e);
        }
    }

    @Override
    public void requestHeadersEnd(Call call, Request request) {
        user.requestHeadersEnd(call, request);
        try {
            CallState s = request.tag(CallState.class);
            if (s != null) {
                s.connection(connectionId, pool);
                s.started(started);
                state = s;
            }
        } catch (RuntimeException | LinkageError e) {
            Emitter.failed(e);
        }
    }

    @Override
    public void responseBodyEnd(Call call, long byteCount) {
        user.responseBodyEnd(call, byteCount);
        CallState s = state;
        if (s != null) {
            s.bodyEnded();
        }
    }

    @Override
    public void connectionReleased(Call call, Connection connection) {
        user.connectionReleased(call, connection);
        try {
            released(connection);
        } catch (RuntimeException | LinkageError e) {
            Emitter.failed(e);
        }
    }

    private void released(Connection connection) {
        ReleaseOutcome outcome = connection.socket().isClosed() ? ReleaseOutcome.CLOSED : ReleaseOutcome.POOLED;
        CallState s = state;
        TrackedResponse tracked = s == null ? TrackedResponse.NONE : s.response();
        // Closed early, yet pooled over HTTP/1: OkHttp read the rest of the body itself (it tries for a
        // short while on close), otherwise the connection could not carry another exchange.
        if (outcome == ReleaseOutcome.POOLED && tracked.isClosed() && !tracked.isDrained()
                && !s.endedBeforeClose() && isHttp1(connection.protocol())) {
            tracked.bodyDrained(Actor.LIBRARY);
        }
        long id = connectionId != 0 ? connectionId : Leakline.connectionId(
                connection.socket().getLocalSocketAddress(), connection.socket().getRemoteSocketAddress());
        String name = pool != null ? pool : (poolName != null ? poolName : origin(connection.route().address().url()));
        Leakline.connectionReleased(id, name, outcome, tracked.id());
    }

    private static boolean isHttp1(Protocol protocol) {
        return protocol == Protocol.HTTP_1_0 || protocol == Protocol.HTTP_1_1;
    }

    /** The default pool name: scheme, host and port, for example {@code http://127.0.0.1:8080}. */
    static String origin(HttpUrl url) {
        String host = url.host().indexOf(':') >= 0 ? "[" + url.host() + "]" : url.host();
        return url.scheme() + "://" + host + ":" + url.port();
    }

    // Everything else is forwarded unchanged.

    /**
     * Records the request's start. OkHttp calls this on the application's thread for {@code execute()} and for
     * {@code enqueue()} alike and gives the listener no way to tell them apart, so both are recorded: for
     * {@code enqueue()} the response opens on a dispatcher thread, and only this stack names the caller.
     */
    @Override
    public void callStart(Call call) {
        user.callStart(call);
        try {
            Request request = call.request();
            started = Leakline.requestStarted(LeaklineOkHttp.CLIENT, request.method(), request.url().toString());
        } catch (RuntimeException | LinkageError e) {
            Emitter.failed(e);
        }
    }

    @Override
    public void proxySelectStart(Call call, HttpUrl url) {
        user.proxySelectStart(call, url);
    }

    @Override
    public void proxySelectEnd(Call call, HttpUrl url, List<Proxy> proxies) {
        user.proxySelectEnd(call, url, proxies);
    }

    @Override
    public void dnsStart(Call call, String domainName) {
        user.dnsStart(call, domainName);
    }

    @Override
    public void dnsEnd(Call call, String domainName, List<InetAddress> inetAddressList) {
        user.dnsEnd(call, domainName, inetAddressList);
    }

    @Override
    public void connectStart(Call call, InetSocketAddress inetSocketAddress, Proxy proxy) {
        user.connectStart(call, inetSocketAddress, proxy);
    }

    @Override
    public void secureConnectStart(Call call) {
        user.secureConnectStart(call);
    }

    @Override
    public void secureConnectEnd(Call call, Handshake handshake) {
        user.secureConnectEnd(call, handshake);
    }

    @Override
    public void connectEnd(Call call, InetSocketAddress inetSocketAddress, Proxy proxy, Protocol protocol) {
        user.connectEnd(call, inetSocketAddress, proxy, protocol);
    }

    @Override
    public void connectFailed(Call call, InetSocketAddress inetSocketAddress, Proxy proxy, Protocol protocol,
            IOException ioe) {
        user.connectFailed(call, inetSocketAddress, proxy, protocol, ioe);
    }

    @Override
    public void requestHeadersStart(Call call) {
        user.requestHeadersStart(call);
    }

    @Override
    public void requestBodyStart(Call call) {
        user.requestBodyStart(call);
    }

    @Override
    public void requestBodyEnd(Call call, long byteCount) {
        user.requestBodyEnd(call, byteCount);
    }

    @Override
    public void requestFailed(Call call, IOException ioe) {
        user.requestFailed(call, ioe);
    }

    @Override
    public void responseHeadersStart(Call call) {
        user.responseHeadersStart(call);
    }

    @Override
    public void responseHeadersEnd(Call call, Response response) {
        user.responseHeadersEnd(call, response);
    }

    @Override
    public void responseBodyStart(Call call) {
        user.responseBodyStart(call);
    }

    @Override
    public void responseFailed(Call call, IOException ioe) {
        user.responseFailed(call, ioe);
    }

    @Override
    public void callEnd(Call call) {
        user.callEnd(call);
    }

    @Override
    public void callFailed(Call call, IOException ioe) {
        user.callFailed(call, ioe);
    }

    @Override
    public void canceled(Call call) {
        user.canceled(call);
    }

    @Override
    public void satisfactionFailure(Call call, Response response) {
        user.satisfactionFailure(call, response);
    }

    @Override
    public void cacheHit(Call call, Response cachedResponse) {
        user.cacheHit(call, cachedResponse);
    }

    @Override
    public void cacheMiss(Call call) {
        user.cacheMiss(call);
    }

    // OkHttp 5's events: overrides there, never called on OkHttp 4 (see NewerEvents).

    /** OkHttp 5: forwarded to the user's listener. */
    public void dispatcherQueueStart(Call call, okhttp3.Dispatcher dispatcher) {
        NewerEvents.forward(NewerEvents.DISPATCHER_QUEUE_START, user, call, dispatcher);
    }

    /** OkHttp 5: forwarded to the user's listener. */
    public void dispatcherQueueEnd(Call call, okhttp3.Dispatcher dispatcher) {
        NewerEvents.forward(NewerEvents.DISPATCHER_QUEUE_END, user, call, dispatcher);
    }

    /** OkHttp 5: forwarded to the user's listener. */
    public void retryDecision(Call call, IOException exception, boolean retry) {
        NewerEvents.forward(NewerEvents.RETRY_DECISION, user, call, exception, retry);
    }

    /** OkHttp 5: forwarded to the user's listener. */
    public void followUpDecision(Call call, Response networkResponse, Request nextRequest) {
        NewerEvents.forward(NewerEvents.FOLLOW_UP_DECISION, user, call, networkResponse, nextRequest);
    }

    @Override
    public void cacheConditionalHit(Call call, Response cachedResponseUsingNetwork) {
        user.cacheConditionalHit(call, cachedResponseUsingNetwork);
    }
}
