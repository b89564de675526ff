package cn.qinglong.dangjian.query.member;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.kernel.member.Category;
import cn.qinglong.dangjian.kernel.member.ContactCard;
import cn.qinglong.dangjian.kernel.member.Gender;
import cn.qinglong.dangjian.kernel.member.MemberEvent.ContactCardUpdated;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberPersonalDataErased;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberRegistered;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MembershipEnded;
import cn.qinglong.dangjian.kernel.member.MemberId;
import cn.qinglong.dangjian.kernel.member.MembershipEndReason;
import cn.qinglong.dangjian.kernel.member.Residence;
import cn.qinglong.dangjian.kernel.member.ResidenceStatus;
import cn.qinglong.dangjian.kernel.organization.OrganizationEvent.OrganizationEstablished;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import cn.qinglong.dangjian.kernel.organization.OrganizationLevel;
import cn.qinglong.dangjian.query.projection.Envelope;
import cn.qinglong.dangjian.query.testing.EventLog;
import cn.qinglong.dangjian.query.testing.Http;
import cn.qinglong.dangjian.query.testing.QuerySideTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /members?q=} over HTTP: a name's pinyin and its initials besides part of the name and the phone. Every
 * search is confined to a branch of its own ({@code branchId}), so the answers are exact whatever other tests added.
 */
class MemberSearchTest extends QuerySideTest {

    private static final String BRANCH = "search-b1";
    private static final LocalDate ON = LocalDate.of(2024, 3, 1);
    private static final EventLog LOG = new EventLog();
    private static int published;
    private static long position;

    @BeforeEach
    void membersInTheStore() {
        if (published == 0) {
            LOG.add(new OrganizationEstablished(OrganizationId.of("search-committee"), "搜索测试党工委",
                            OrganizationLevel.COMMITTEE, null, null, null, ON),
                    new OrganizationEstablished(OrganizationId.of(BRANCH), "搜索测试支部", OrganizationLevel.BRANCH, null,
                            null, OrganizationId.of("search-committee"), ON));
            register("search-wang", "王秀英");
            LOG.add(new ContactCardUpdated(MemberId.of("search-wang"), new ContactCard("紫云苑3幢", "13912340001",
                    "安置房", "积极", "退休", "独居", ON)));
            register("search-zeng", "曾国藩");
            register("search-shan", "单田芳");
            register("search-xie", "解缙");
            register("search-qiu", "仇英");
            register("search-piao", "朴槿惠");
            register("search-ou", "区志坚");
            register("search-liu", "刘强");
            publish();
        }
    }

    private static void register(String id, String name) {
        LOG.add(new MemberRegistered(MemberId.of(id), name, Gender.F, LocalDate.of(1950, 1, 1), LocalDate.of(1975, 7, 1),
                OrganizationId.of(BRANCH), Set.of(Category.RETIRED), new Residence(ResidenceStatus.ORIGINAL, null, null),
                null, ON));
    }

    /** Appends what the log gained since the last time, each stream numbered on from where it was. */
    private void publish() {
        List<Envelope> all = LOG.inOrder();
        eventStore.publish(EventLog.messages(all.subList(published, all.size())));
        published = all.size();
        position = eventStore.createHeadToken().position().orElseThrow();
    }

    private Http.Response search(String q) {
        return query.get("/members?branchId=" + BRANCH + "&minPosition=" + position + "&q="
                + URLEncoder.encode(q, StandardCharsets.UTF_8));
    }

    private List<String> found(String q) {
        Http.Response response = search(q);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.header("X-View-Behind")).isNull();
        JsonNode page = response.json();
        List<String> ids = page.get("items").valueStream().map(m -> m.get("memberId").asString()).toList();
        assertThat(page.get("total").asInt()).as("total of %s", q).isEqualTo(ids.size());
        return ids;
    }

    @Test
    @DisplayName("the initials of a name find the member, in either case")
    void initialsFindTheMember() {
        assertThat(found("wxy")).containsExactly("search-wang");
        assertThat(found("WXY")).containsExactly("search-wang");
        assertThat(found("Wx")).containsExactly("search-wang");
    }

    @Test
    @DisplayName("the full pinyin without tones, a prefix of it or a part of it finds the member; spaces between letters are ignored")
    void fullPinyinFindsTheMember() {
        assertThat(found("wangxiuying")).containsExactly("search-wang");
        assertThat(found("wangx")).containsExactly("search-wang");
        assertThat(found("WangXiu")).containsExactly("search-wang");
        assertThat(found("xiuying")).containsExactly("search-wang");
        assertThat(found("wang xiuying")).containsExactly("search-wang");
    }

    @ParameterizedTest(name = "{0} finds nobody")
    @ValueSource(strings = {"wxz", "wangxiuyingg", "wangy", "xyw"})
    void aStringOfNoNameFindsNobody(String q) {
        assertThat(found(q)).isEmpty();
    }

    @ParameterizedTest(name = "{1} and {2} find {0}, the surname read as a surname; so does the surname''s other reading {3}")
    @CsvSource({
            "search-zeng, zgf, zengguofan,   cengguofan",
            "search-shan, stf, shantianfang, dantianfang",
            "search-xie,  xj,  xiejin,       jiejin",
            "search-qiu,  qy,  qiuying,      chouying",
            "search-piao, pjh, piaojinhui,   pujinhui",
            "search-ou,   ozj, ouzhijian,    quzhijian",
    })
    void polyphonicSurnamesAreFoundByEveryReading(String member, String initials, String pinyin, String otherReading) {
        assertThat(found(initials)).containsExactly(member);
        assertThat(found(pinyin)).containsExactly(member);
        assertThat(found(otherReading)).containsExactly(member);
    }

    @Test
    @DisplayName("Chinese characters still search part of the name, mixed with letters too; digits (dashes and spaces between them ignored) still search the phone")
    void charactersAndDigitsSearchAsBefore() {
        assertThat(found("秀英")).containsExactly("search-wang");
        assertThat(found("王x")).isEmpty();
        assertThat(found("2340001")).containsExactly("search-wang");
        assertThat(found("2340009")).isEmpty();
        assertThat(found("234-0001")).as("a phone typed with a dash").containsExactly("search-wang");
        assertThat(found("234 0009")).isEmpty();
    }

    @Test
    @DisplayName("an erased member is not found by the initials of the name that found them while a member")
    void anErasedMemberIsNotFoundByInitials() {
        assertThat(found("lq")).containsExactly("search-liu");

        LOG.add(new MembershipEnded(MemberId.of("search-liu"), MembershipEndReason.DECEASED, ON.plusYears(1)),
                new MemberPersonalDataErased(MemberId.of("search-liu"), ON.plusYears(1).plusDays(1)));
        publish();

        assertThat(query.get("/members/search-liu?minPosition=" + position).json().get("personalDataErased").asBoolean())
                .isTrue();
        assertThat(found("lq")).isEmpty();
        assertThat(found("liuqiang")).isEmpty();
    }

    @ParameterizedTest(name = "{0} answers 400 saying what q may be")
    @ValueSource(strings = {"wxy!", "wáng", "ｗｘｙ", "wxy1", "·"})
    void lettersOtherThanAToZAreRefused(String q) {
        Http.Response response = search(q);
        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString()).isEqualTo("/problems/invalid-request");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("q");
        assertThat(problem.get("errors").get(0).get("message").asString())
                .contains("Chinese characters", "the letters a-z", "digits");
        assertThat(response.text()).doesNotContain("Exception");
    }

    @Test
    @DisplayName("q of letters is at most 32 characters: 32 are searched, 33 refused")
    void lettersAreAtMost32() {
        assertThat(found("w".repeat(32))).isEmpty();
        Http.Response refused = search("w".repeat(33));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").get(0).get("message").asString()).contains("at most 32");
    }
}
