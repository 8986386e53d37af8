package dev.leakline.agent.jdk;

import dev.leakline.agent.bootstrap.JdkHooks;
import dev.leakline.jfr.jdk.JdkInstrumentation;
import java.io.InputStream;
import java.net.HttpURLConnection;

/** The hooks for the JDK's clients: each one the core's tracking of that client, nothing more. */
public final class JdkClientHooks implements JdkHooks {
    @Override
    public Object sendStarts(Object handler) {
        return JdkInstrumentation.sendStarts(handler);
    }

    @Override
    public Object countingHandler(Object handler, Object received) {
        return JdkInstrumentation.countingHandler(handler, received);
    }

    @Override
    public Object sent(Object response, Object received) {
        return JdkInstrumentation.sent(response, received);
    }

    @Override
    public Object sentAsync(Object request, Object future, Object received) {
        return JdkInstrumentation.sentAsync(request, future, received);
    }

    @Override
    public int inputStreamEntered(HttpURLConnection connection) {
        return JdkInstrumentation.inputStreamEntered(connection);
    }

    @Override
    public void inputStreamLeft(int entered) {
        JdkInstrumentation.inputStreamLeft(entered);
    }

    @Override
    public InputStream inputStream(HttpURLConnection connection, InputStream in) {
        return JdkInstrumentation.inputStream(connection, in);
    }

    @Override
    public void inputStreamFailed(HttpURLConnection connection) {
        JdkInstrumentation.inputStreamFailed(connection);
    }

    @Override
    public InputStream errorStream(HttpURLConnection connection, InputStream in) {
        return JdkInstrumentation.errorStream(connection, in);
    }

    @Override
    public void disconnected(HttpURLConnection connection) {
        JdkInstrumentation.disconnected(connection);
    }
}
