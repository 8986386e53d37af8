package dev.leakline.jfr.jdk;

import dev.leakline.jfr.Actor;
import dev.leakline.jfr.TrackedResponse;
import java.util.Comparator;
import java.util.Spliterator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A {@code BodyHandlers.ofLines()} body: drained when the stream runs out of lines, closed when the
 * application closes the stream. Lines are characters, not bytes, so the byte count recorded is the one
 * the client received (the whole body once the lines ran out).
 */
final class TrackedLines<T> implements Spliterator<T> {
    private final Spliterator<T> delegate;
    private final TrackedResponse tracked;
    private final AtomicLong received;

    private TrackedLines(Spliterator<T> delegate, TrackedResponse tracked, AtomicLong received) {
        this.delegate = delegate;
        this.tracked = tracked;
        this.received = received;
    }

    static <T> Stream<T> wrap(Stream<T> lines, TrackedResponse tracked, AtomicLong received) {
        // spliterator() is lazy: no line is read until the application's terminal operation asks.
        TrackedLines<T> spliterator = new TrackedLines<>(lines.spliterator(), tracked, received);
        return StreamSupport.stream(spliterator, lines.isParallel())
                .onClose(lines::close)
                .onClose(() -> {
                    Bodies.catchUp(tracked, received);
                    tracked.closed(Actor.APPLICATION);
                });
    }

    @Override
    public boolean tryAdvance(Consumer<? super T> action) {
        boolean advanced = delegate.tryAdvance(action);
        if (!advanced) {
            drained();
        }
        return advanced;
    }

    @Override
    public void forEachRemaining(Consumer<? super T> action) {
        delegate.forEachRemaining(action);
        drained();
    }

    private void drained() {
        Bodies.catchUp(tracked, received);
        tracked.bodyDrained(Actor.APPLICATION);
    }

    /** Never splits: the end of the body must be seen by this one spliterator. */
    @Override
    public Spliterator<T> trySplit() {
        return null;
    }

    @Override
    public long estimateSize() {
        return delegate.estimateSize();
    }

    @Override
    public int characteristics() {
        return delegate.characteristics() & ~(Spliterator.SIZED | Spliterator.SUBSIZED);
    }

    @Override
    public Comparator<? super T> getComparator() {
        return delegate.getComparator();
    }
}
