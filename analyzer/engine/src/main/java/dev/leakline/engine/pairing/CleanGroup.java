package dev.leakline.engine.pairing;

import java.util.List;

import dev.leakline.engine.event.Frame;

/**
 * Clean responses folded into a count as soon as they finished, so memory does not grow with the number of healthy
 * requests.
 *
 * @param thread the folded name of the thread whose stack it is (the thread that started an asynchronous request,
 *               else the one that opened the response); null when unknown
 */
public record CleanGroup(String client, List<Frame> stack, long count, String thread) {
    /** A group whose thread is unknown. */
    public CleanGroup(String client, List<Frame> stack, long count) {
        this(client, stack, count, null);
    }
}
