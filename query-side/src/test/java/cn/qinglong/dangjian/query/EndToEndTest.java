package cn.qinglong.dangjian.query;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.eventstore.testing.TestEventStoreDatabase;
import cn.qinglong.dangjian.query.testing.CommandSide;
import cn.qinglong.dangjian.query.testing.Http;
import cn.qinglong.dangjian.query.testing.QuerySideTest;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Commands over HTTP on the real command side, then the views over HTTP on the query side with
 * {@code ?minPosition=} from the command's answer (read-your-writes), on H2 or PostgreSQL.
 */
class EndToEndTest extends QuerySideTest {

    private final LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    private Http command;
    private long position;

    @Test
    @DisplayName("a member relocated, resettled without moving the relation and attending from home shows in every view at once")
    void commandsThenViews() {
        command = new Http(CommandSide.baseUrl());
        String p = "e2e-" + TestEventStoreDatabase.postgres();
        LocalDate founded = today.minusYears(5);
        send("/organizations", "{\"organizationId\":\"%s-c\",\"name\":\"青龙街道党工委\",\"level\":\"COMMITTEE\",\"establishedOn\":\"%s\"}", p, founded);
        send("/organizations", "{\"organizationId\":\"%s-v\",\"name\":\"三里村党总支\",\"level\":\"GENERAL_BRANCH\",\"setting\":\"RELOCATING_VILLAGE\",\"parentId\":\"%s-c\",\"establishedOn\":\"%s\"}", p, p, founded);
        send("/organizations", "{\"organizationId\":\"%s-vb\",\"name\":\"三里村党支部\",\"level\":\"BRANCH\",\"parentId\":\"%s-v\",\"establishedOn\":\"%s\"}", p, p, founded);
        send("/organizations", "{\"organizationId\":\"%s-tg\",\"name\":\"三里过渡期党小组\",\"level\":\"GROUP\",\"groupKind\":\"TRANSITION\",\"parentId\":\"%s-vb\",\"establishedOn\":\"%s\"}", p, p, founded);
        send("/organizations", "{\"organizationId\":\"%s-r\",\"name\":\"青竹苑党总支\",\"level\":\"GENERAL_BRANCH\",\"setting\":\"RESETTLEMENT_COMMUNITY\",\"parentId\":\"%s-c\",\"establishedOn\":\"%s\"}", p, p, founded);
        send("/organizations", "{\"organizationId\":\"%s-rb\",\"name\":\"青竹苑第一党支部\",\"level\":\"BRANCH\",\"parentId\":\"%s-r\",\"establishedOn\":\"%s\"}", p, p, founded);
        send("/members", "{\"memberId\":\"%s-m\",\"name\":\"周桂兰\",\"gender\":\"F\",\"birthDate\":\"1944-05-01\",\"joinedPartyOn\":\"1970-07-01\",\"branchId\":\"%s-vb\",\"categories\":[\"RETIRED\"],\"residence\":{\"status\":\"ORIGINAL\"},\"registeredOn\":\"%s\"}", p, p, founded);
        send("/members/" + p + "-m/relocation", "{\"transitionAddress\":\"青龙西路8号\",\"relocatedOn\":\"%s\"}", today.minusYears(1));
        send("/members/" + p + "-m/transition-group", "{\"groupId\":\"%s-tg\",\"joinedOn\":\"%s\"}", p, today.minusMonths(11));

        JsonNode transition = view("/transition?groupId=" + p + "-tg");
        assertThat(transition.get("total").asInt()).isEqualTo(1);
        assertThat(transition.get("items").get(0).get("daysWaiting").asLong()).isGreaterThanOrEqualTo(365);

        send("/members/" + p + "-m/resettlement", "{\"communityId\":\"%s-r\",\"residenceBranchId\":\"%s-rb\",\"movedInOn\":\"%s\",\"transferRelation\":false}", p, p, today.minusMonths(2));
        send("/study-days", "{\"studyDayId\":\"%s-sd\",\"branchId\":\"%s-rb\",\"date\":\"%s\",\"topic\":\"主题党日\",\"modes\":[\"NEARBY\",\"HOME_DELIVERY\",\"ONLINE\"]}", p, p, today.minusDays(10));
        send("/members/" + p + "-m/attendance", "{\"studyDayId\":\"%s-sd\",\"mode\":\"HOME_DELIVERY\",\"attendedOn\":\"%s\"}", p, today.minusDays(10));

        JsonNode member = view("/members/" + p + "-m");
        assertThat(member.get("branchId").asString()).isEqualTo(p + "-vb");
        assertThat(member.get("dailyBranchId").asString()).isEqualTo(p + "-rb");
        assertThat(member.get("residence").get("status").asString()).isEqualTo("RESETTLED");
        assertThat(member.get("groupId").isNull()).isTrue();
        assertThat(member.get("age").asInt()).isGreaterThanOrEqualTo(80);
        assertThat(view("/transition?groupId=" + p + "-tg").get("total").asInt()).isZero();
        assertThat(view("/dual-management?communityId=" + p + "-r").get("items").get(0).get("originBranchId").asString())
                .isEqualTo(p + "-vb");
        JsonNode attendance = view("/study-days/" + p + "-sd/attendance");
        assertThat(attendance.get("expected").asInt()).isEqualTo(1);
        assertThat(attendance.get("byMode").get("HOME_DELIVERY").asInt()).isEqualTo(1);
        assertThat(overdue()).as("every page of the overdue list (other suites share this context)").contains(p + "-m");
        JsonNode tree = view("/organizations/tree");
        JsonNode root = tree.get("roots").valueStream().filter(n -> n.get("id").asString().equals(p + "-c"))
                .findFirst().orElseThrow();
        assertThat(root.get("members").asInt()).isEqualTo(1);
        assertThat(root.get("aged60Plus").asInt()).isEqualTo(1);
        assertThat(view("/dashboard/difficulties?organizationId=" + p + "-r").get("activeMembers").asInt()).isEqualTo(1);
    }

    @Test
    @DisplayName("a position the views have not reached is answered anyway after the wait, flagged as behind")
    void behindIsFlagged() {
        Http.Response response = query.get("/organizations/tree?minPosition=999999999");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("X-View-Behind")).isEqualTo("true");
        assertThat(Long.parseLong(response.header("X-View-Position"))).isLessThan(999999999L);
    }

    private void send(String path, String json, Object... args) {
        String body = json.formatted(args);
        Http.Response response = path.endsWith("/contact-card") ? command.put(path, body) : command.post(path, body);
        assertThat(response.status()).as(path + " " + response.text()).isIn(200, 201);
        position = response.json().get("position").asLong();
    }

    /** The members of every page of {@code /care/overdue}. */
    private List<String> overdue() {
        List<String> members = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode items = view("/care/overdue?size=500&page=" + page).get("items");
            if (items.isEmpty()) {
                return members;
            }
            items.valueStream().forEach(item -> members.add(item.get("memberId").asString()));
        }
    }

    private JsonNode view(String path) {
        Http.Response response = query.get(path + (path.contains("?") ? "&" : "?") + "minPosition=" + position);
        assertThat(response.status()).as(path + " " + response.text()).isEqualTo(200);
        assertThat(response.header("X-View-Behind")).as(path).isNull();
        return response.json();
    }
}
