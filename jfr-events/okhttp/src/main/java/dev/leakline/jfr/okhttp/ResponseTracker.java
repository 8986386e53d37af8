package dev.leakline.jfr.okhttp;

import dev.leakline.jfr.Actor;
import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.TrackedResponse;
import dev.leakline.jfr.internal.Emitter;
import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The application interceptor: it runs on the thread that called {@code execute()} (on a dispatcher thread
 * after {@code enqueue()}: the listener's request start names the caller then), sees only the final
 * response (OkHttp closes redirected and retried ones itself) and hands the application a body that
 * reports reads, the end and the close.
 */
final class ResponseTracker implements Interceptor {
    static final ResponseTracker INSTANCE = new ResponseTracker();

    private ResponseTracker() {
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        if (!Leakline.isRecording()) {
            return chain.proceed(chain.request());
        }
        CallState state = new CallState();
        Request request = chain.request().newBuilder().tag(CallState.class, state).build();
        Response response = chain.proceed(request);
        try {
            return track(request, response, state);
        } catch (RuntimeException | LinkageError e) {
            Emitter.failed(e);
            return response;
        }
    }

    private static Response track(Request request, Response response, CallState state) {
        ResponseBody body = response.body();
        TrackedResponse tracked = Leakline.responseOpened(state.started(), LeaklineOkHttp.CLIENT, state.pool(), state.connectionId(),
                request.method(), request.url().toString(), response.code(), protocol(response.protocol()),
                body == null ? -1 : body.contentLength());
        if (body == null) {
            tracked.bodyDrained(Actor.LIBRARY);
            tracked.closed(Actor.LIBRARY);
            return response;
        }
        state.response(tracked);
        return response.newBuilder().body(new TrackedBody(body, tracked)).build();
    }

    /** Protocol names as the other adapters record them ("HTTP/1.1", "HTTP/2"). */
    static String protocol(Protocol protocol) {
        String name = protocol.toString();
        if (name.startsWith("http/")) {
            return name.toUpperCase(java.util.Locale.ROOT);
        }
        if (name.startsWith("h2")) {
            return "HTTP/2";
        }
        return name;
    }
}
