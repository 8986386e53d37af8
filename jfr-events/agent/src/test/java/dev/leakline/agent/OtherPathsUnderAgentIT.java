package dev.leakline.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.leakline.agent.programs.JdkOtherPaths;
import dev.leakline.jfr.testsupport.LoopbackServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sendAsync} and {@code HttpsURLConnection} under the agent: the HTTPS connection is still the JDK's
 * own (the cast and {@code getCipherSuite()} work), and both responses are tracked once, read and closed.
 */
class OtherPathsUnderAgentIT {
    private static final char[] PASSWORD = "leakline".toCharArray();

    @TempDir
    Path dir;

    @Test
    void sendAsyncAndHttpsAreTrackedAndTheCastStillWorks() throws Exception {
        Path keyStore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", new String(PASSWORD)).inheritIO().start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).isZero();

        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        https.setHttpsConfigurator(new HttpsConfigurator(sslContext(keyStore)));
        byte[] body = new byte[LoopbackServer.BODY_LENGTH];
        https.createContext("/body", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        https.start();
        Path recording = dir.resolve("other.jfr");
        ChildJvm child;
        try (LoopbackServer http = new LoopbackServer()) {
            child = ChildJvm.run(Jdk.all().get(0),
                    List.of("-javaagent:" + ChildJvm.agentJar(), "-XX:StartFlightRecording:filename=" + recording,
                            "-Djavax.net.ssl.trustStore=" + keyStore, "-Djavax.net.ssl.trustStorePassword=leakline",
                            "-Djavax.net.ssl.trustStoreType=PKCS12"),
                    ChildJvm.programClasses().toString(), JdkOtherPaths.class.getName(), http.uri("/body"),
                    "https://127.0.0.1:" + https.getAddress().getPort() + "/body");
        } finally {
            https.stop(0);
        }
        assertThat(child.exitCode()).as(child.stderr()).isZero();
        assertThat(child.agentLines()).isEmpty();
        assertThat(child.stdout().lines().filter(l -> !l.startsWith("[") && !l.contains("VM warning")))
                .containsExactly("async " + LoopbackServer.BODY_LENGTH, "https " + LoopbackServer.BODY_LENGTH + " true");

        Map<Long, List<RecordedEvent>> responses = Recordings.withReleases(Recordings.leaklineEvents(recording));
        assertThat(responses.values().stream().map(Recordings::detailedKinds).collect(Collectors.toList()))
                .containsExactly(List.of("opened", "drained:application", "closed:application"),
                        List.of("opened", "drained:application", "closed:application"));
        List<RecordedEvent> opened = responses.values().stream().map(e -> e.get(0)).collect(Collectors.toList());
        assertThat(opened.get(0).getString("client")).isEqualTo("java.net.http");
        assertThat(opened.get(1).getString("client")).isEqualTo("HttpURLConnection");
        assertThat(opened.get(1).getString("uri")).startsWith("https://127.0.0.1:");
        assertThat(Recordings.firstApplicationFrame(opened.get(1)).getLineNumber()).isEqualTo(
                Recordings.lineOf(Path.of("src/test/java/dev/leakline/agent/programs/JdkOtherPaths.java"), "https"));
    }

    private static SSLContext sslContext(Path keyStore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }
}
