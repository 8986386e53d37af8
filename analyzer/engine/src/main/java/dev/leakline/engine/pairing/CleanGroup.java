package dev.leakline.engine.pairing;

import java.util.List;

import dev.leakline.engine.event.Frame;

/**
 * Clean responses folded into a count as soon as they finished, so memory does not grow with the number of healthy
 * requests.
 */
public record CleanGroup(String client, List<Frame> stack, long count) {
}
