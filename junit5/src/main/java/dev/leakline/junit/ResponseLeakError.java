package dev.leakline.junit;

import java.util.List;

/**
 * A test opened HTTP responses and finished without reading their bodies to the end or closing them.
 * The message names each response and the lines that opened it; the error's own stack trace is the
 * opening of the first one, so an IDE links straight to that line.
 *
 * <pre>
 * Response leaked: GET http://127.0.0.1:41523/orders (java.net.http), opened at
 * 	at com.example.OrderClientTest.fetchesOrders(OrderClientTest.java:42)
 * </pre>
 */
public final class ResponseLeakError extends AssertionError {
    private static final long serialVersionUID = 1L;

    private ResponseLeakError(String message, StackTraceElement[] opening) {
        super(message);
        setStackTrace(opening);
    }

    static ResponseLeakError of(List<OpenedResponse> leaks) {
        StringBuilder message = new StringBuilder();
        StackTraceElement[] first = null;
        for (OpenedResponse leak : leaks) {
            if (message.length() > 0) {
                message.append("\n");
            }
            StackTraceElement[] frames = Frames.application(leak.stack());
            if (first == null) {
                first = frames;
            }
            message.append("Response leaked: ").append(leak.describe()).append(", opened at");
            Frames.append(message, frames);
            message.append("\n\t(on thread \"").append(leak.threadName())
                    .append("\"; neither read to the end nor closed)");
        }
        return new ResponseLeakError(message.toString(), first == null ? new StackTraceElement[0] : first);
    }
}
