/**
 * Leakline adapters for the JDK's own HTTP clients: {@link dev.leakline.jfr.jdk.TrackedHttpClient} for
 * {@code java.net.http.HttpClient} and {@link dev.leakline.jfr.jdk.TrackedUrlConnection} for
 * {@code java.net.HttpURLConnection}. Each wraps the client the application already built; requests go
 * through unchanged, and while a recording wants the Leakline events each response's life is recorded.
 */
package dev.leakline.jfr.jdk;
