package dev.leakline.jfr.okhttp;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * The build runs these tests against OkHttp 4 and 5 (see the module's pom); this proves each run really
 * loaded the release it claims, so a green OkHttp 5 run cannot be a 4.12 run in disguise.
 */
class ClientVersionTest {
    @Test
    void runsAgainstTheReleaseTheBuildAskedFor() {
        String expected = System.getProperty("leakline.test.okhttp.version");
        assertThat(expected).isNotBlank();
        String jar = OkHttpClient.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        assertThat(jar).matches(".*/okhttp(-jvm)?-" + java.util.regex.Pattern.quote(expected) + "\\.jar");
    }
}
