package cn.qinglong.dangjian.query;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.query.testing.Http;
import cn.qinglong.dangjian.query.testing.QuerySideTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** Whatever a client sends, the answer is problem+json naming what was wrong, never a stack trace. */
class BadInputTest extends QuerySideTest {

    @ParameterizedTest(name = "{0} answers 400 naming {1}")
    @CsvSource({
            "/members?minAge=old, minAge",
            "/members?status=SOMEWHERE, status",
            "/members?category=ASTRONAUT, category",
            "/members?need=CAKE, need",
            "/members?page=-1, page",
            "/members?size=100000, size",
            "/members?branchId=%20bad%20id, branchId",
            "/members/m-1?minPosition=soon, minPosition",
            "/members?minPosition=-5, minPosition",
            "/care/overdue?days=0, days",
            "/care/overdue?days=many, days",
            "/attendance/rates?by=week, by",
            "/attendance/rates?from=2026-13-01, from",
            "/attendance/rates?from=2026-11&to=2026-01, to",
            "/transition?areaId=%25%25, areaId",
            "/dual-management?communityId=%3Cx%3E, communityId",
            "/dashboard/difficulties?organizationId=a%20b, organizationId",
            "/points?year=someday, year",
            "/points?asOf=2026-02-30, asOf",
            "/points?organizationId=%3Cx%3E, organizationId",
            "/members/m-1/points?year=20260, year",
            "/members/m-1/points?asOf=tomorrow, asOf",
    })
    void invalidParametersAreNamed(String path, String field) {
        Http.Response response = query.get(path);
        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertProblem(response);
        JsonNode body = response.json();
        assertThat(body.get("type").asString()).isEqualTo("/problems/invalid-request");
        assertThat(body.get("errors").get(0).get("field").asString()).isEqualTo(field);
    }

    @ParameterizedTest(name = "{0} answers 404")
    @CsvSource({
            "/members/nobody",
            "/study-days/no-such-day/attendance",
            "/dashboard/difficulties?organizationId=no-such-org",
            "/admin/projections/no-such-view",
            "/members/nobody/points",
            "/points?organizationId=no-such-org",
    })
    void unknownThingsAreNotFound(String path) {
        Http.Response response = query.get(path);
        assertThat(response.status()).as(response.text()).isEqualTo(404);
        assertProblem(response);
    }

    private static void assertProblem(Http.Response response) {
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.text()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
