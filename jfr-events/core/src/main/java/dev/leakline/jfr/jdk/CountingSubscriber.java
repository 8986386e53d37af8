package dev.leakline.jfr.jdk;

import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Passes a body through unchanged and counts its bytes as the client receives them. For bodies the
 * client buffers whole (a {@code String}, a {@code byte[]}, a file) this count is the only place the
 * body's size can be learned without decoding it again.
 */
final class CountingSubscriber<T> implements BodySubscriber<T> {
    private final BodySubscriber<T> delegate;
    private final AtomicLong received;

    CountingSubscriber(BodySubscriber<T> delegate, AtomicLong received) {
        this.delegate = delegate;
        this.received = received;
    }

    @Override
    public CompletionStage<T> getBody() {
        return delegate.getBody();
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        delegate.onSubscribe(subscription);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        // Counted before the delegate consumes the buffers' remaining bytes.
        received.addAndGet(Bodies.remaining(item));
        delegate.onNext(item);
    }

    @Override
    public void onError(Throwable throwable) {
        delegate.onError(throwable);
    }

    @Override
    public void onComplete() {
        delegate.onComplete();
    }
}
