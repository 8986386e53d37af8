package dev.leakline.bench;

import dev.leakline.jfr.Leakline;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Random;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One small in-memory response and the arguments an adapter passes when it opens it. Every benchmark,
 * the baseline included, reads the same bytes into the same buffer, so their difference is Leakline's.
 *
 * <p>Not final and with plain, non-final fields on purpose: JMH generates subclasses of state classes,
 * and fields the JIT cannot treat as constants keep it from folding the arguments away.
 */
@State(Scope.Thread)
public class ResponseBody {
    /** A small JSON answer; large enough for one full read, small enough that copying it stays cheap. */
    static final int BODY_SIZE = 1024;
    /** The read buffer size most clients and {@code InputStream.transferTo} use. */
    static final int BUFFER_SIZE = 8192;
    /** Has user info and a query, so that the enabled path pays for the full redaction. */
    static final String URI = "https://user:secret@api.example.com/v1/orders/42?customer=7&token=s3cr3t#top";

    byte[] bytes;
    byte[] buffer;
    String client;
    long connectionId;
    String method;
    String uri;
    int status;
    String protocol;
    long contentLength;

    /** Fills the body with fixed pseudo-random bytes and sets the response head an adapter would see. */
    @Setup(Level.Trial)
    public void setUp() {
        bytes = new byte[BODY_SIZE];
        new Random(42).nextBytes(bytes);
        buffer = new byte[BUFFER_SIZE];
        client = "java.net.http";
        connectionId = Leakline.connectionId("http-outgoing-7");
        method = "GET";
        uri = URI;
        status = 200;
        protocol = "HTTP/1.1";
        contentLength = bytes.length;
    }

    /** A fresh, unread stream over the shared bytes: one small allocation, the same in every benchmark. */
    InputStream newStream() {
        return new ByteArrayInputStream(bytes);
    }
}
