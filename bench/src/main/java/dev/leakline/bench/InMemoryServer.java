package dev.leakline.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketImpl;
import java.net.SocketOptions;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 server that lives inside the socket: once {@link #install()} ran, every {@code new Socket()} of the
 * JVM (which is what {@code HttpURLConnection} and Apache HttpClient's plain socket factory create) answers each
 * request written to it with the same keep-alive response, {@value #BODY_SIZE} bytes of body, from memory.
 *
 * <p>Why: a client's per-response work (writing the request, parsing the head, the body stream, keep-alive and the
 * pool) runs in full, but no byte crosses the kernel, so no loopback round trip, scheduling of a server thread or
 * socket buffer adds its noise (tens of microseconds, varying with the machine's load) to a difference of about one
 * microsecond. The same idea as {@link AgentResponsePathBenchmark}, which takes the socket out by measuring a
 * response fetched at set-up; here each operation is a new response.
 *
 * <p>A request is complete when its head ends ({@code \r\n\r\n}): the benchmarks only send {@code GET}. Reading with
 * no request waiting throws {@link SocketTimeoutException}, as a quiet server would after the read timeout (Apache's
 * stale-connection check reads so). Installed once per JVM and for the whole JVM ({@link Socket#setSocketImplFactory}
 * has no undo): only benchmark forks install it, after JMH's own connection to its host was made.
 */
public final class InMemoryServer {
    /** The body's size: a small JSON answer, as in {@link ResponseBody}. */
    static final int BODY_SIZE = 1024;
    /** The URL the benchmarks request; the address is never really connected to. */
    static final String URL = "http://127.0.0.1:8/v1/orders/42";

    private static final byte[] RESPONSE = response();
    private static boolean installed;
    /** Connections made since {@link #install()}: each client keeps one alive, so tests can tell it was reused. */
    private static final AtomicInteger CONNECTIONS =
            new AtomicInteger();

    private InMemoryServer() {
    }

    /** Makes every socket created from now on in this JVM an in-memory connection to this server. Idempotent. */
    @SuppressWarnings("deprecation") // Deprecated in 17, not for removal: the one way to swap the socket of every client.
    public static synchronized void install() throws IOException {
        if (!installed) {
            Socket.setSocketImplFactory(Connection::new);
            installed = true;
        }
    }

    /** How many connections clients made to this server so far. */
    static int connections() {
        return CONNECTIONS.get();
    }

    /** A copy of the body every response carries. */
    static byte[] body() {
        return Arrays.copyOfRange(RESPONSE, RESPONSE.length - BODY_SIZE, RESPONSE.length);
    }

    private static byte[] response() {
        byte[] body = new byte[BODY_SIZE];
        new Random(42).nextBytes(body);
        byte[] head = ("HTTP/1.1 200 OK\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + BODY_SIZE + "\r\n"
                + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] response = new byte[head.length + body.length];
        System.arraycopy(head, 0, response, 0, head.length);
        System.arraycopy(body, 0, response, head.length, body.length);
        return response;
    }

    /** One connection: requests in, one canned response out per request. Used by one client thread at a time. */
    private static final class Connection extends SocketImpl {
        private final Requests requests = new Requests();
        private final Responses responses = new Responses();
        /** Requests whose head was written and whose response has not been started. */
        private int waiting;
        private int timeout;
        private boolean closed;

        @Override
        protected void create(boolean stream) {
            // Nothing to create: no file descriptor.
        }

        @Override
        protected void connect(String host, int port) throws IOException {
            connect(new InetSocketAddress(host, port), 0);
        }

        @Override
        protected void connect(InetAddress address, int port) throws IOException {
            connect(new InetSocketAddress(address, port), 0);
        }

        @Override
        protected void connect(SocketAddress endpoint, int timeout) throws IOException {
            InetSocketAddress to = (InetSocketAddress) endpoint;
            this.address = to.getAddress();
            this.port = to.getPort();
            this.localport = 40000 + CONNECTIONS.incrementAndGet();
        }

        @Override
        protected void bind(InetAddress host, int port) {
            this.localport = port;
        }

        @Override
        protected void listen(int backlog) throws IOException {
            throw new SocketException("an in-memory client connection cannot listen");
        }

        @Override
        protected void accept(SocketImpl s) throws IOException {
            throw new SocketException("an in-memory client connection cannot accept");
        }

        @Override
        protected InputStream getInputStream() {
            return responses;
        }

        @Override
        protected OutputStream getOutputStream() {
            return requests;
        }

        @Override
        protected int available() {
            return responses.available();
        }

        @Override
        protected void close() {
            closed = true;
        }

        @Override
        protected void sendUrgentData(int data) throws IOException {
            throw new SocketException("no urgent data in memory");
        }

        @Override
        public void setOption(int optID, Object value) {
            if (optID == SocketOptions.SO_TIMEOUT) {
                timeout = (Integer) value;
            }
            // Other options (TCP_NODELAY, SO_KEEPALIVE, SO_LINGER, buffer sizes) mean nothing in memory.
        }

        @Override
        public Object getOption(int optID) {
            switch (optID) {
                case SocketOptions.SO_TIMEOUT:
                    return timeout;
                case SocketOptions.SO_BINDADDR:
                    return InetAddress.getLoopbackAddress();
                case SocketOptions.TCP_NODELAY:
                case SocketOptions.SO_KEEPALIVE:
                case SocketOptions.SO_OOBINLINE:
                case SocketOptions.SO_REUSEADDR:
                    return Boolean.FALSE;
                case SocketOptions.SO_LINGER:
                    return -1;
                default:
                    return 8192; // SO_SNDBUF, SO_RCVBUF; IP_TOS
            }
        }

        /** The client's writes: counts complete request heads. */
        private final class Requests extends OutputStream {
            /** How much of "\r\n\r\n" the last bytes written matched. */
            private int matched;

            @Override
            public void write(int b) throws IOException {
                if (closed) {
                    throw new SocketException("Socket closed");
                }
                byte c = (byte) b;
                if (c == (matched % 2 == 0 ? '\r' : '\n')) {
                    matched++;
                    if (matched == 4) {
                        waiting++;
                        matched = 0;
                    }
                } else {
                    matched = c == '\r' ? 1 : 0;
                }
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                for (int i = off; i < off + len; i++) {
                    write(b[i]);
                }
            }
        }

        /** The server's answers: the canned response once per request, never past it. */
        private final class Responses extends InputStream {
            /** Where the response being sent is; RESPONSE.length when none is. */
            private int position = RESPONSE.length;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (closed) {
                    throw new SocketException("Socket closed");
                }
                if (len == 0) {
                    return 0;
                }
                if (position == RESPONSE.length) {
                    if (waiting == 0) {
                        throw new SocketTimeoutException("Read timed out: no request is waiting for an answer");
                    }
                    waiting--;
                    position = 0;
                }
                int n = Math.min(len, RESPONSE.length - position);
                System.arraycopy(RESPONSE, position, b, off, n);
                position += n;
                return n;
            }

            @Override
            public int available() {
                return RESPONSE.length - position;
            }
        }
    }
}
