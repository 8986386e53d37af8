package dev.leakline.frameworks;

import static org.assertj.core.api.Assertions.assertThat;

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

import com.example.shop.DataServer;
import com.example.shop.FeignShop;

import dev.leakline.jfr.httpclient5.LeaklineHttpClient5;
import dev.leakline.jfr.okhttp.LeaklineOkHttp;
import feign.hc5.ApacheHttp5Client;
import okhttp3.OkHttpClient;

/**
 * OpenFeign over Apache HttpClient 5 ({@code feign-hc5}) and over OkHttp ({@code feign-okhttp}): every leak is
 * reported at the application's own line, not at {@code feign.hc5.ApacheHttp5Client} nor at the interface's
 * {@code $Proxy}, each leaking method is its own site, and the correct calls are clean.
 */
class FeignSitesTest {
    @Test
    void everyLeakSiteIsTheApplicationsLine(@TempDir Path dir) throws Exception {
        List<AutoCloseable> open = new ArrayList<>();
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create().build();
        OkHttpClient okHttp = LeaklineOkHttp.instrument(new OkHttpClient.Builder()).build();
        try (DataServer server = new DataServer();
                CloseableHttpClient apache = LeaklineHttpClient5.instrument(HttpClients.custom(), pool).build()) {
            FeignShop overApache = new FeignShop(new ApacheHttp5Client(apache), server.origin(), open);
            FeignShop overOkHttp = new FeignShop(new feign.okhttp.OkHttpClient(okHttp), server.origin(), open);

            AnalyzedRecording analyzed = AnalyzedRecording.of(dir, () -> {
                overApache.leakApache();
                assertThat(overApache.readApache()).hasSize(DataServer.BODY_LENGTH);
                overOkHttp.leakOkHttp();
                assertThat(overOkHttp.readOkHttp()).hasSize(DataServer.BODY_LENGTH);
            });
            for (AutoCloseable c : open) {
                c.close();
            }

            Map<String, Long> leaks = new LinkedHashMap<>();
            for (String method : List.of("leakApache", "leakOkHttp")) {
                leaks.put(SourceLine.site(FeignShop.class, method, method), 1L);
            }
            assertThat(analyzed.leakedBySite()).as(analyzed.json()).isEqualTo(leaks);
            for (String method : List.of("readApache", "readOkHttp")) {
                String site = SourceLine.site(FeignShop.class, method, method);
                assertThat(analyzed.count(site, "clean")).as("%s in %s", site, analyzed.json()).isEqualTo(1);
                assertThat(analyzed.problems(site)).as(site).isZero();
            }
        } finally {
            okHttp.dispatcher().executorService().shutdown();
            okHttp.connectionPool().evictAll();
        }
    }
}
