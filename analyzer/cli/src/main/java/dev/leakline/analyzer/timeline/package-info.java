/**
 * The leak over time: per-group series of outstanding responses, connections held, leaked responses
 * accumulated, and threads alive, sampled on buckets over a recording's span, and their terminal drawing.
 *
 * <p>Input is a small neutral model ({@link dev.leakline.engine.timeline.ResponseSpan},
 * {@link dev.leakline.engine.timeline.ThreadSpan}, {@link dev.leakline.engine.timeline.TimelineInput})
 * that the analyzer's paired responses map onto; nothing here reads JFR. {@link
 * dev.leakline.engine.timeline.TimelineSeries} turns it into a {@link dev.leakline.engine.timeline.Timeline};
 * {@link dev.leakline.analyzer.timeline.TerminalChart} draws that for a terminal and the HTML report draws it as SVG.
 */
package dev.leakline.analyzer.timeline;
