package dev.leakline.agent.programs;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The classic AWS SDK v2 leak, unmodified (no Leakline import): {@code getObject} streams never closed pin
 * the S3 client's pooled connections (its default apache-client, HttpClient 4.5) until a request fails with
 * "Timeout waiting for connection from pool". One {@code getObject} in try-with-resources first, clean.
 *
 * <p>Arguments: {@code <endpoint> <maxConnections>}.
 */
public final class S3Leak {
    private static final List<Object> HELD = new ArrayList<>();

    private S3Leak() {
    }

    public static void main(String[] args) throws Exception {
        int maxConnections = Integer.parseInt(args[1]);
        S3Client s3 = S3Client.builder()
                .endpointOverride(URI.create(args[0]))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(maxConnections)
                        .connectionAcquisitionTimeout(Duration.ofMillis(300)))
                .build();
        readReport(s3);
        for (int i = 0; i < maxConnections; i++) {
            leakReport(s3);
        }
        try {
            readReport(s3);
        } catch (SdkClientException e) {
            System.out.println("failed: " + e.getMessage());
        }
        System.exit(0);
    }

    static void readReport(S3Client s3) throws Exception {
        try (ResponseInputStream<GetObjectResponse> report = s3.getObject(b -> b.bucket("reports").key("daily.csv"))) { // open: readReport
            report.readAllBytes();
        }
    }

    static void leakReport(S3Client s3) {
        HELD.add(s3.getObject(b -> b.bucket("reports").key("daily.csv"))); // open: leakReport
    }
}
