package cn.qinglong.dangjian.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.query.testing.QuerySideTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What a slow phone line costs: the dashboard's files go compressed, and a second visit fetches nothing again. */
class DashboardAssetsTest extends QuerySideTest {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    @DisplayName("the chart library goes gzipped and is kept by the browser for a year, its path naming its version")
    void chartLibraryIsCompressedAndKept() throws Exception {
        HttpResponse<byte[]> plain = get("/webjars/echarts/5.3.1/dist/echarts.min.js");
        HttpResponse<byte[]> zipped = get("/webjars/echarts/5.3.1/dist/echarts.min.js", "Accept-Encoding", "gzip");
        assertThat(zipped.statusCode()).isEqualTo(200);
        assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(zipped.body().length).isLessThan(plain.body().length / 2);
        assertThat(zipped.headers().firstValue("Cache-Control").orElse(""))
                .contains("max-age=31536000").contains("immutable").doesNotContain("no-store");
    }

    @Test
    @DisplayName("the dashboard's own files carry a content ETag: asked again with it, the answer is a bodiless 304")
    void ownFilesRevalidateByContentHash() throws Exception {
        for (String file : new String[] {"/assets/app.js", "/assets/lib/ui.js", "/assets/tabs/overview.js", "/assets/app.css"}) {
            HttpResponse<byte[]> first = get(file, "Accept-Encoding", "gzip");
            assertThat(first.statusCode()).as(file).isEqualTo(200);
            String etag = first.headers().firstValue("ETag").orElseThrow();
            assertThat(first.headers().firstValue("Cache-Control").orElse("")).as(file).contains("no-cache")
                    .doesNotContain("no-store");
            HttpResponse<byte[]> again = get(file, "If-None-Match", etag);
            assertThat(again.statusCode()).as(file).isEqualTo(304);
            assertThat(again.body()).isEmpty();
        }
        HttpResponse<byte[]> ui = get("/assets/lib/ui.js", "Accept-Encoding", "gzip");
        assertThat(ui.headers().firstValue("Content-Encoding")).hasValue("gzip");
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
