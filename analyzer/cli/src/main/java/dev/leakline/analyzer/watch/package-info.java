/**
 * {@code leakline watch}: a running JVM, live. {@link dev.leakline.analyzer.watch.TargetJvm} reaches it (Attach API
 * or JMX), {@link dev.leakline.analyzer.watch.Watch} starts a {@code RemoteRecordingStream} with the Leakline
 * settings in it and closes it at the end, {@code LiveFeed} converts the stream's {@code jdk.jfr.consumer} events
 * ({@code dev.leakline.engine.jfr.JfrEventRecords}) for the verdict engine and takes its snapshots as of the target's last flush, and the views
 * ({@code Screen} on a terminal, {@code ChangeLog} elsewhere) render them. No verdict is decided here.
 */
package dev.leakline.analyzer.watch;
