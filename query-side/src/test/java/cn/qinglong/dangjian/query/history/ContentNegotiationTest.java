package cn.qinglong.dangjian.query.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ContentNegotiationTest {

    @Test
    void no_accept_header_or_a_wildcard_gets_json() {
        assertThat(HistoryController.wantsCsv(null)).isFalse();
        assertThat(HistoryController.wantsCsv("*/*")).isFalse();
        assertThat(HistoryController.wantsCsv("application/json, text/plain, */*")).isFalse();
    }

    @Test
    void asking_for_csv_at_least_as_much_as_for_json_gets_csv() {
        assertThat(HistoryController.wantsCsv("text/csv")).isTrue();
        assertThat(HistoryController.wantsCsv("text/*")).isTrue();
        assertThat(HistoryController.wantsCsv("text/csv, application/json")).isTrue();
        assertThat(HistoryController.wantsCsv("text/csv;q=0.5, application/json")).isFalse();
    }

    @Test
    void a_client_accepting_neither_json_nor_csv_is_refused() {
        assertThatThrownBy(() -> HistoryController.wantsCsv("application/xml"))
                .isInstanceOf(HistoryController.NotAcceptable.class);
    }
}
