package dev.leakline.scenarios;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP/1.1 server on 127.0.0.1 that the scenarios send their requests to, and the witness of
 * what each client did with its connections.
 *
 * <p>It is written on plain sockets rather than {@code com.sun.net.httpserver} because only a server
 * that owns its sockets can tell when the client closed a connection: that, with the number of distinct
 * connections a case used, is the truth behind "reused / closed / held". Each request names its case in
 * the query ({@code ?case=read-to-end}); the recorded URI drops the query, so this does not show in the
 * recording.
 *
 * <p>Paths: {@code /small} ({@value #SMALL_BYTES} bytes), {@code /large} ({@value #LARGE_BYTES} bytes) and
 * {@code /slow} ({@value #SLOW_BYTES} bytes written {@value #SLOW_CHUNK} at a time every
 * {@value #SLOW_PAUSE_MILLIS} ms), all with {@code Content-Length} and keep-alive.
 */
public final class LoopbackServer implements Closeable {
    /** Body size of {@code /small}. */
    public static final int SMALL_BYTES = 300;
    /** Body size of {@code /large}: 1 MiB. */
    public static final int LARGE_BYTES = 1 << 20;
    /** Body size of {@code /slow}. */
    public static final int SLOW_BYTES = 64 * 1024;
    static final int SLOW_CHUNK = 512;
    /**
     * The bucket the S3 scenarios read from: a path-style {@code GetObject} of key {@code small} in it is
     * {@code GET /bucket/small}, answered as {@code /small}.
     */
    public static final String S3_BUCKET = "bucket";
    private static final String S3_BUCKET_PREFIX = "/" + S3_BUCKET + "/";
    static final int SLOW_PAUSE_MILLIS = 100;

    private final ServerSocket socket;
    private final Thread acceptor;
    private final AtomicInteger nextConnection = new AtomicInteger();
    /** Case name to the ids of the connections that served it. */
    private final Map<String, Set<Integer>> connectionsByCase = new ConcurrentHashMap<>();
    /** Ids of connections the client closed (or that broke while we wrote to them). */
    private final Set<Integer> closed = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> requestsByCase = new ConcurrentHashMap<>();
    private volatile boolean stopped;

    private LoopbackServer(ServerSocket socket) {
        this.socket = socket;
        this.acceptor = new Thread(this::acceptLoop, "scenario-server-acceptor");
        this.acceptor.setDaemon(true);
    }

    /** Starts a server on 127.0.0.1 on a free port. */
    public static LoopbackServer start() throws IOException {
        LoopbackServer server = new LoopbackServer(new ServerSocket(0, 200, InetAddress.getLoopbackAddress()));
        server.acceptor.start();
        return server;
    }

    /** The URI of {@code path} for requests of case {@code caseName}. */
    public URI uri(String path, String caseName) {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path + "?case=" + caseName);
    }

    /** What the server saw of the connections that served {@code caseName}, now. */
    public ConnectionCount connections(String caseName) {
        Set<Integer> ids = connectionsByCase.getOrDefault(caseName, Set.of());
        int closedCount = 0;
        for (Integer id : ids) {
            if (closed.contains(id)) {
                closedCount++;
            }
        }
        AtomicInteger requests = requestsByCase.get(caseName);
        return new ConnectionCount(requests == null ? 0 : requests.get(), ids.size(), closedCount);
    }

    /** Requests served, connections used and connections closed by the client, for one case. */
    public static final class ConnectionCount {
        private final int requests;
        private final int connections;
        private final int closedByClient;

        ConnectionCount(int requests, int connections, int closedByClient) {
            this.requests = requests;
            this.connections = connections;
            this.closedByClient = closedByClient;
        }

        /** Requests the server answered (or began to answer). */
        public int requests() {
            return requests;
        }

        /** Distinct TCP connections those requests came on. */
        public int connections() {
            return connections;
        }

        /** Of those, the ones the client had closed. */
        public int closedByClient() {
            return closedByClient;
        }
    }

    @Override
    public void close() throws IOException {
        stopped = true;
        socket.close();
    }

    private void acceptLoop() {
        while (!stopped) {
            try {
                Socket client = socket.accept();
                int id = nextConnection.incrementAndGet();
                Thread t = new Thread(() -> serve(client, id), "scenario-server-" + id);
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client, int id) {
        try (client) {
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            while (true) {
                String target = readRequestTarget(in);
                if (target == null) {
                    break; // the client closed the connection
                }
                respond(target, id, out);
            }
        } catch (IOException | InterruptedException e) {
            // A write failed: the client went away while we answered. Counted as closed below.
        }
        closed.add(id);
    }

    private void respond(String target, int id, OutputStream out) throws IOException, InterruptedException {
        String path = target;
        String caseName = "";
        int q = target.indexOf('?');
        if (q >= 0) {
            path = target.substring(0, q);
            for (String param : target.substring(q + 1).split("&")) {
                if (param.startsWith("case=")) {
                    caseName = param.substring("case=".length());
                }
            }
        }
        if (path.startsWith(S3_BUCKET_PREFIX)) {
            path = path.substring(S3_BUCKET_PREFIX.length() - 1); // S3 path-style GET /bucket/small: the object /small
        }
        connectionsByCase.computeIfAbsent(caseName, k -> ConcurrentHashMap.newKeySet()).add(id);
        requestsByCase.computeIfAbsent(caseName, k -> new AtomicInteger()).incrementAndGet();
        int length;
        switch (path) {
            case "/small":
                length = SMALL_BYTES;
                break;
            case "/large":
                length = LARGE_BYTES;
                break;
            case "/slow":
                length = SLOW_BYTES;
                break;
            default:
                out.write(("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return;
        }
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        if (path.equals("/slow")) {
            byte[] chunk = new byte[SLOW_CHUNK];
            Arrays.fill(chunk, (byte) 's');
            for (int written = 0; written < length; written += SLOW_CHUNK) {
                out.write(chunk);
                out.flush();
                Thread.sleep(SLOW_PAUSE_MILLIS);
            }
        } else {
            byte[] body = new byte[length];
            Arrays.fill(body, (byte) 'x');
            out.write(body);
            out.flush();
        }
    }

    /** Reads one request head and returns its target, or null at end of stream. Ignores bodies (GET only). */
    private static String readRequestTarget(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.US_ASCII).strip();
                line.reset();
                if (text.isEmpty()) {
                    if (lines.isEmpty()) {
                        continue; // stray CRLF between requests
                    }
                    break;
                }
                lines.add(text);
            } else {
                line.write(b);
            }
        }
        String[] requestLine = lines.get(0).split(" ");
        return requestLine.length > 1 ? requestLine[1] : "/";
    }
}
