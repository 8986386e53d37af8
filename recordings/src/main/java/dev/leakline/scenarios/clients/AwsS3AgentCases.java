package dev.leakline.scenarios.clients;

import dev.leakline.scenarios.Case;
import dev.leakline.scenarios.ClientCases;
import dev.leakline.scenarios.LoopbackServer;
import dev.leakline.scenarios.Opened;
import dev.leakline.scenarios.Scenario;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/**
 * The classic AWS SDK for Java v2 leak with no Leakline call, recorded under
 * {@code -javaagent:leakline-agent.jar}: the S3 client on its default apache-client (Apache HttpClient 4.5,
 * which the agent instruments) with {@code maxConnections} {@link Case#requests()}; {@code getObject} streams
 * never closed pin every pooled connection until the next {@code getObject} fails with "Timeout waiting for
 * connection from pool". Path-style {@code GetObject} of the key {@code small} in bucket
 * {@value LoopbackServer#S3_BUCKET} from the scenario's server; the case rides along as a raw query parameter
 * so the server counts its connections.
 */
public final class AwsS3AgentCases implements ClientCases {
    /** How long a request waits for a connection from a pool that has none free. */
    static final long CONNECTION_ACQUISITION_TIMEOUT_MILLIS = 500;

    @Override
    public String client() {
        return "apache-httpclient4";
    }

    @Override
    public String folder() {
        return "aws-s3";
    }

    @Override
    public String title() {
        return "AWS SDK for Java v2 S3 (apache-client) under leakline-agent";
    }

    @Override
    public boolean underAgent() {
        return true;
    }

    @Override
    public boolean records(Scenario scenario) {
        return scenario == Scenario.POOL_EXHAUSTION;
    }

    private static S3ClientBuilder s3(Case c) {
        URI uri = c.uri();
        return S3Client.builder()
                .endpointOverride(URI.create(uri.getScheme() + "://" + uri.getAuthority()))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(c.requests())
                        .connectionAcquisitionTimeout(Duration.ofMillis(CONNECTION_ACQUISITION_TIMEOUT_MILLIS)));
    }

    private static GetObjectRequest get(Case c) {
        return GetObjectRequest.builder().bucket(LoopbackServer.S3_BUCKET).key(c.uri().getPath().substring(1))
                .overrideConfiguration(o -> o.putRawQueryParameter("case", c.name())).build();
    }

    @Override
    public String boundedPool() {
        return "maxConnections 5, " + CONNECTION_ACQUISITION_TIMEOUT_MILLIS + " ms connection acquisition"
                + " timeout";
    }

    @Override
    public boolean isPoolTimeout(Throwable e) {
        return e instanceof SdkClientException && String.valueOf(e.getMessage()).contains("Timeout waiting for connection");
    }

    @Override
    public String poolExhaustion(Case c) throws Exception {
        S3Client s3 = c.built(s3(c).build());
        for (int i = 0; i < c.requests(); i++) {
            c.opened(s3.getObject(get(c)));
        }
        long start = System.nanoTime();
        try {
            s3.getObject(get(c)).close();
        } catch (SdkClientException e) {
            return "getObject " + (c.requests() + 1) + " failed after "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms (the SDK's retries included)"
                    + " with " + e.getClass().getName() + ": " + e.getMessage();
        }
        throw new IllegalStateException("getObject " + (c.requests() + 1) + " got a connection from a pool of "
                + c.requests() + " whose every connection is held by an open stream");
    }

    private UnsupportedOperationException onlyPoolExhaustion() {
        return new UnsupportedOperationException("only pool-exhaustion is recorded for " + folder());
    }

    @Override
    public void neitherReadNorClosed(Case c) {
        throw onlyPoolExhaustion();
    }

    @Override
    public void closedUnread(Case c) {
        throw onlyPoolExhaustion();
    }

    @Override
    public void readToEnd(Case c) {
        throw onlyPoolExhaustion();
    }

    @Override
    public void readAndClosed(Case c) {
        throw onlyPoolExhaustion();
    }

    @Override
    public String noClientPerRequest() {
        return "only pool-exhaustion is recorded for the S3 client, under the agent.";
    }

    @Override
    public Opened orders(Case c) {
        throw onlyPoolExhaustion();
    }

    @Override
    public Opened catalog(Case c) {
        throw onlyPoolExhaustion();
    }

    @Override
    public Opened reports(Case c) {
        throw onlyPoolExhaustion();
    }

    /** The SDK's JVM-wide idle-connection reaper, started when the first Apache-based client is built. */
    @Override
    public List<String> threadsPerHeldClient() {
        return List.of("idle-connection-reaper");
    }
}
