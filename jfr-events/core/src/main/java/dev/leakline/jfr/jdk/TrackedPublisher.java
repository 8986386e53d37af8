package dev.leakline.jfr.jdk;

import dev.leakline.jfr.Actor;
import dev.leakline.jfr.TrackedResponse;
import java.util.concurrent.Flow;

/**
 * A {@code BodyHandlers.ofPublisher()} body: counts the bytes the application's subscriber receives,
 * drained on {@code onComplete}, closed by the application when it cancels its subscription.
 */
final class TrackedPublisher<T> implements Flow.Publisher<T> {
    private final Flow.Publisher<T> delegate;
    private final TrackedResponse tracked;

    TrackedPublisher(Flow.Publisher<T> delegate, TrackedResponse tracked) {
        this.delegate = delegate;
        this.tracked = tracked;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
        delegate.subscribe(subscriber == null ? null : new Subscriber<>(subscriber, tracked));
    }

    private static final class Subscriber<T> implements Flow.Subscriber<T> {
        private final Flow.Subscriber<? super T> delegate;
        private final TrackedResponse tracked;

        Subscriber(Flow.Subscriber<? super T> delegate, TrackedResponse tracked) {
            this.delegate = delegate;
            this.tracked = tracked;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            delegate.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    subscription.request(n);
                }

                @Override
                public void cancel() {
                    try {
                        subscription.cancel();
                    } finally {
                        tracked.closed(Actor.APPLICATION);
                    }
                }
            });
        }

        @Override
        public void onNext(T item) {
            tracked.bodyRead(Bodies.remaining(item));
            delegate.onNext(item);
        }

        @Override
        public void onError(Throwable throwable) {
            delegate.onError(throwable);
        }

        @Override
        public void onComplete() {
            tracked.bodyDrained(Actor.APPLICATION);
            delegate.onComplete();
        }
    }
}
