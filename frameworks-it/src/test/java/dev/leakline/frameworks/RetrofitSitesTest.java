package dev.leakline.frameworks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.shop.DataServer;
import com.example.shop.RetrofitShop;

import dev.leakline.jfr.okhttp.LeaklineOkHttp;
import okhttp3.OkHttpClient;

/**
 * Retrofit 2 over OkHttp, with {@code execute} and with {@code enqueue} (whose response opens on OkHttp's dispatcher
 * thread): every leak is reported at the application's own line, not at {@code retrofit2.OkHttpCall}, each leaking
 * method is its own site, and the correct calls are clean.
 */
class RetrofitSitesTest {
    @Test
    void everyLeakSiteIsTheApplicationsLine(@TempDir Path dir) throws Exception {
        List<AutoCloseable> open = new ArrayList<>();
        OkHttpClient client = LeaklineOkHttp.instrument(new OkHttpClient.Builder()).build();
        try (DataServer server = new DataServer()) {
            RetrofitShop shop = new RetrofitShop(client, server.origin(), open);

            AnalyzedRecording analyzed = AnalyzedRecording.of(dir, () -> {
                shop.executeLeak();
                assertThat(shop.executeRead()).hasSize(DataServer.BODY_LENGTH);
                shop.enqueueLeak();
                assertThat(shop.enqueueRead()).hasSize(DataServer.BODY_LENGTH);
            });
            for (AutoCloseable c : open) {
                c.close();
            }

            Map<String, Long> leaks = new LinkedHashMap<>();
            for (String method : List.of("executeLeak", "enqueueLeak")) {
                leaks.put(SourceLine.site(RetrofitShop.class, method, method), 1L);
            }
            assertThat(analyzed.leakedBySite()).as(analyzed.json()).isEqualTo(leaks);
            for (String method : List.of("executeRead", "enqueueRead")) {
                String site = SourceLine.site(RetrofitShop.class, method, method);
                assertThat(analyzed.count(site, "clean")).as("%s in %s", site, analyzed.json()).isEqualTo(1);
                assertThat(analyzed.problems(site)).as(site).isZero();
            }
        } finally {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }
}
