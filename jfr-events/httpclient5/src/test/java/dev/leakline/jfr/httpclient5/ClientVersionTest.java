package dev.leakline.jfr.httpclient5;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.junit.jupiter.api.Test;

/**
 * The build runs these tests against several HttpClient releases (see the module's pom); this proves each
 * run really loaded the release it claims, so a green compatibility run cannot be a 5.4.1 run in disguise.
 */
class ClientVersionTest {
    @Test
    void runsAgainstTheReleaseTheBuildAskedFor() {
        String expected = System.getProperty("leakline.test.httpclient5.version");
        assertThat(expected).isNotBlank();
        String jar = CloseableHttpClient.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        assertThat(jar).endsWith("/httpclient5-" + expected + ".jar");
    }
}
