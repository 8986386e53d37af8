package dev.leakline.jfr.httpclient4;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.http.impl.client.CloseableHttpClient;
import org.junit.jupiter.api.Test;

/** Proves the tests ran against the HttpClient release the build asked for. */
class ClientVersionTest {
    @Test
    void runsAgainstTheReleaseTheBuildAskedFor() {
        String expected = System.getProperty("leakline.test.httpclient4.version");
        assertThat(expected).isNotBlank();
        String jar = CloseableHttpClient.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        assertThat(jar).endsWith("/httpclient-" + expected + ".jar");
    }
}
