package dev.leakline.frameworks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.acme.httpkit.Toolkit;
import com.example.shop.DataServer;
import com.example.shop.ToolkitShop;

import dev.leakline.jfr.okhttp.LeaklineOkHttp;
import okhttp3.OkHttpClient;

/**
 * {@code --app-package}: with an in-house toolkit (on no library list) between the client and the application, the
 * site is the toolkit's line by default and the application's line when the user names their package; every report
 * (JSON, text, HTML) says which application packages it used.
 */
class AppPackageTest {
    @Test
    void theApplicationPackageIsTheStrongestSignalAndEveryReportStatesIt(@TempDir Path dir) throws Exception {
        List<AutoCloseable> open = new ArrayList<>();
        OkHttpClient client = LeaklineOkHttp.instrument(new OkHttpClient.Builder()).build();
        Path file;
        try (DataServer server = new DataServer()) {
            ToolkitShop shop = new ToolkitShop(new Toolkit(client), server.origin(), open);
            file = AnalyzedRecording.record(dir, shop::leak);
            for (AutoCloseable c : open) {
                c.close();
            }
        } finally {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
        String toolkitLine = SourceLine.site(Toolkit.class, "get", "toolkitGet");
        String appLine = SourceLine.site(ToolkitShop.class, "leak", "toolkitLeak");

        AnalyzedRecording plain = AnalyzedRecording.analyze(file);
        assertThat(plain.leakedBySite()).as(plain.json()).isEqualTo(Map.of(toolkitLine, 1L));
        assertThat(plain.options().get("appPackages")).isEmpty();
        assertThat(plain.options().get("appPackagesUsed")).isEmpty();

        AnalyzedRecording named = AnalyzedRecording.analyze(file, "--app-package", "com.example.shop.");
        assertThat(named.leakedBySite()).as(named.json()).isEqualTo(Map.of(appLine, 1L));
        assertThat(named.options().get("appPackages").toString()).isEqualTo("[\"com.example.shop.\"]");
        assertThat(named.options().get("appPackagesUsed").toString()).isEqualTo("[\"com.example.shop.\"]");

        String text = AnalyzedRecording.leakline(file, List.of("analyze", "--app-package", "com.example.shop."));
        assertThat(text).contains("1. ToolkitShop.leak(ToolkitShop.java:" + appLine.replaceAll(".*:(\\d+)\\)$", "$1")
                + ")").contains("Application packages: com.example.shop. (--app-package)").contains("Minimum age: 2s");

        Path html = dir.resolve("report.html");
        AnalyzedRecording.leakline(file, List.of("report", "-o", html.toString(), "--app-package",
                "com.example.shop."));
        assertThat(Files.readString(html)).contains(appLine).contains("Application packages")
                .contains("com.example.shop. (--app-package)");
    }
}
