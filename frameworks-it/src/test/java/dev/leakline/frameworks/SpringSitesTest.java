package dev.leakline.frameworks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;

import com.example.shop.DataServer;
import com.example.shop.SpringShop;

import dev.leakline.jfr.httpclient5.LeaklineHttpClient5;
import dev.leakline.jfr.jdk.TrackedHttpClient;

/**
 * Spring Framework 6.2's RestClient and RestTemplate over the JDK's HttpClient (which Spring only calls through
 * {@code sendAsync}, so the response opens on a client thread) and over Apache HttpClient 5: every leak is reported at
 * the application's own line, each leaking method is its own site, and the correct calls are clean.
 */
class SpringSitesTest {
    @Test
    void everyLeakSiteIsTheApplicationsLine(@TempDir Path dir) throws Exception {
        List<AutoCloseable> open = new ArrayList<>();
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create().build();
        try (DataServer server = new DataServer();
                CloseableHttpClient apache = LeaklineHttpClient5.instrument(HttpClients.custom(), pool).build()) {
            HttpClient jdk = TrackedHttpClient.wrap(HttpClient.newHttpClient());
            SpringShop overJdk = new SpringShop(new JdkClientHttpRequestFactory(jdk), server.origin(), open);
            SpringShop overApache = new SpringShop(new HttpComponentsClientHttpRequestFactory(apache),
                    server.origin(), open);

            AnalyzedRecording analyzed = AnalyzedRecording.of(dir, () -> {
                overJdk.restClientLeakJdk();
                assertThat(overJdk.restClientReadJdk()).hasSize(DataServer.BODY_LENGTH);
                overJdk.restTemplateLeakJdk();
                assertThat(overJdk.restTemplateReadJdk()).hasSize(DataServer.BODY_LENGTH);
                overApache.restClientLeakApache();
                assertThat(overApache.restClientReadApache()).hasSize(DataServer.BODY_LENGTH);
                overApache.restTemplateLeakApache();
                assertThat(overApache.restTemplateReadApache()).hasSize(DataServer.BODY_LENGTH);
            });
            for (AutoCloseable c : open) {
                c.close();
            }

            Map<String, Long> leaks = new LinkedHashMap<>();
            for (String method : List.of("restClientLeakJdk", "restTemplateLeakJdk", "restClientLeakApache",
                    "restTemplateLeakApache")) {
                leaks.put(SourceLine.site(SpringShop.class, method, method), 1L);
            }
            assertThat(analyzed.leakedBySite()).as(analyzed.json()).isEqualTo(leaks);
            for (String method : List.of("restClientReadJdk", "restTemplateReadJdk", "restClientReadApache",
                    "restTemplateReadApache")) {
                String site = SourceLine.site(SpringShop.class, method, method);
                assertThat(analyzed.count(site, "clean")).as("%s in %s", site, analyzed.json()).isEqualTo(1);
                assertThat(analyzed.problems(site)).as(site).isZero();
            }
        }
    }
}
