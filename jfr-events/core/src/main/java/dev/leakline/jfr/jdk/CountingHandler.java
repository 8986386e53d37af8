package dev.leakline.jfr.jdk;

import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.ResponseInfo;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The application's body handler, with the bytes the client receives counted. A named class so that a send
 * already tracked (a {@link TrackedHttpClient} whose delegate the agent also instruments) is recognised and
 * tracked once.
 */
final class CountingHandler<T> implements BodyHandler<T> {
    private final BodyHandler<T> handler;
    final AtomicLong received;

    CountingHandler(BodyHandler<T> handler, AtomicLong received) {
        this.handler = handler;
        this.received = received;
    }

    @Override
    public BodySubscriber<T> apply(ResponseInfo info) {
        return new CountingSubscriber<>(handler.apply(info), received);
    }
}
