package dev.leakline.jfr.jdk;

import dev.leakline.jfr.Actor;
import dev.leakline.jfr.Leakline;
import dev.leakline.jfr.TrackedResponse;
import dev.leakline.jfr.internal.Emitter;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Opens the tracked response for a {@code java.net.http} response and hands the application a body that
 * reports what it does with it. One decision per body type: streams the application consumes are wrapped;
 * bodies the client buffered whole are finished by the library at once.
 */
final class Bodies {
    static final String CLIENT = "java.net.http";

    /** {@code HttpResponse.connectionLabel()}, JDK 25 and later; null before. */
    private static final MethodHandle CONNECTION_LABEL = connectionLabelHandle();

    private Bodies() {
    }

    /**
     * Records the opening of {@code response} on the calling thread and returns the response the
     * application should get. Never throws: on any internal failure the response is returned as is.
     *
     * @param received the body bytes the client has received so far, counted by {@link CountingSubscriber}
     * @param started  what {@link Leakline#requestStarted} returned for the request, 0 for none
     */
    @SuppressWarnings("unchecked")
    static <T> HttpResponse<T> track(HttpResponse<T> response, AtomicLong received, long started) {
        try {
            if (!Leakline.isRecording()) {
                return response; // The recording stopped while the request was in flight.
            }
            URI uri = response.uri();
            TrackedResponse tracked = Leakline.responseOpened(started, CLIENT, null, connectionId(response),
                    response.request().method(), uri == null ? null : uri.toString(), response.statusCode(),
                    protocol(response.version()), response.headers().firstValueAsLong("Content-Length").orElse(-1L));
            if (!tracked.isTracked()) {
                return response;
            }
            T body = response.body();
            if (body instanceof InputStream) {
                return new TrackedHttpResponse<>(response, (T) Leakline.trackBody((InputStream) body, tracked));
            }
            if (body instanceof Stream) {
                return new TrackedHttpResponse<>(response, (T) TrackedLines.wrap((Stream<?>) body, tracked, received));
            }
            if (body instanceof Flow.Publisher) {
                return new TrackedHttpResponse<>(response, (T) new TrackedPublisher<>((Flow.Publisher<?>) body, tracked));
            }
            // String, byte[], Void, Path, or any custom buffered type: the client read the whole body
            // before send() returned, and nothing is left for the application to close.
            catchUp(tracked, received);
            tracked.bodyDrained(Actor.LIBRARY);
            tracked.closed(Actor.LIBRARY);
            return response;
        } catch (RuntimeException | LinkageError e) {
            Emitter.failed(e);
            return response;
        }
    }

    /** Raises the response's byte count to what the client received, for bodies the application cannot count. */
    static void catchUp(TrackedResponse tracked, AtomicLong received) {
        long delta = received.get() - tracked.bytesRead();
        if (delta > 0) {
            tracked.bodyRead(delta);
        }
    }

    static long remaining(Object item) {
        long n = 0;
        if (item instanceof List) {
            for (Object buffer : (List<?>) item) {
                if (buffer instanceof ByteBuffer) {
                    n += ((ByteBuffer) buffer).remaining();
                }
            }
        }
        return n;
    }

    static String protocol(HttpClient.Version version) {
        if (version == null) {
            return null;
        }
        if (version == HttpClient.Version.HTTP_1_1) {
            return "HTTP/1.1";
        }
        if (version == HttpClient.Version.HTTP_2) {
            return "HTTP/2";
        }
        return version.name(); // A version newer than this code (HTTP_3 on recent JDKs).
    }

    static long connectionId(HttpResponse<?> response) {
        if (CONNECTION_LABEL == null) {
            return 0;
        }
        Object label = connectionLabel(response);
        return label instanceof Optional && ((Optional<?>) label).isPresent()
                ? Leakline.connectionId(((Optional<?>) label).get().toString())
                : 0;
    }

    /** Calls {@code connectionLabel()} on JDK 25+; returns null where it does not exist or fails. */
    static Object connectionLabel(HttpResponse<?> response) {
        if (CONNECTION_LABEL == null) {
            return null;
        }
        try {
            return CONNECTION_LABEL.invoke(response);
        } catch (RuntimeException e) {
            return null;
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            return null; // connectionLabel() declares no checked exception.
        }
    }

    private static MethodHandle connectionLabelHandle() {
        try {
            return MethodHandles.publicLookup().findVirtual(HttpResponse.class, "connectionLabel",
                    MethodType.methodType(Optional.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }
}
