package dev.leakline.agent.bootstrap;

import java.io.InputStream;
import java.net.HttpURLConnection;

/**
 * What the advice inlined into the JDK's clients calls. Loaded by the bootstrap class loader, which the JDK's
 * classes reach (the {@code java.net.http} classes live in the platform loader, {@code HttpURLConnection}'s in
 * the bootstrap one); implemented in the agent's own loader, which reaches the Leakline core. Types of
 * {@code java.net.http} are {@code Object} here because the bootstrap loader cannot see that module.
 */
public interface JdkHooks {
    /** A send starts: the byte counter to carry to {@link #sent}, or null to leave this send alone. */
    Object sendStarts(Object handler);

    /** The body handler to send with instead of the application's. */
    Object countingHandler(Object handler, Object received);

    /** The response {@code send} returns instead. */
    Object sent(Object response, Object received);

    /** The future {@code sendAsync} returns instead; records the request's start on the calling thread. */
    Object sentAsync(Object request, Object future, Object received);

    /**
     * {@code getInputStream()} starts: 1 when this is the outermost call for {@code connection} on this thread, 2 when
     * it is a call the JDK's own {@code getInputStream()} makes on the same connection (through
     * {@code getResponseCode()}), 0 when not known (nothing records). Pass it to {@link #inputStreamLeft}.
     */
    int inputStreamEntered(HttpURLConnection connection);

    /** {@code getInputStream()} returned or threw; {@code entered} from {@link #inputStreamEntered}. */
    void inputStreamLeft(int entered);

    /** The stream {@code getInputStream()} returns instead. */
    InputStream inputStream(HttpURLConnection connection, InputStream in);

    /** {@code getInputStream()} threw. */
    void inputStreamFailed(HttpURLConnection connection);

    /** The stream {@code getErrorStream()} returns instead. */
    InputStream errorStream(HttpURLConnection connection, InputStream in);

    /** {@code disconnect()} returned. */
    void disconnected(HttpURLConnection connection);
}
