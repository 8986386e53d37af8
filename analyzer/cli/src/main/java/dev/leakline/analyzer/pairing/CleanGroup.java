package dev.leakline.analyzer.pairing;

import java.util.List;

import dev.leakline.analyzer.read.Frame;

/**
 * Clean responses folded into a count as soon as they finished, so memory does not grow with the number of healthy
 * requests.
 */
public record CleanGroup(String client, List<Frame> stack, long count) {
}
