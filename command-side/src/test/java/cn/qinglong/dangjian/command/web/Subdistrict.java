package cn.qinglong.dangjian.command.web;

import static org.assertj.core.api.Assertions.assertThat;

/** A small slice of Qinglong, created through the API: what the member endpoints need to exist. */
public final class Subdistrict {

    public static final String COMMITTEE = "qinglong";
    public static final String VILLAGE = "changqing";
    public static final String ORIGIN_BRANCH = "changqing-1";
    public static final String COMMUNITY = "qingzhuyuan";
    public static final String RESIDENCE_BRANCH = "qingzhuyuan-1";
    public static final String TRANSITION_GROUP = "changqing-t1";
    public static final String BUILDING_GROUP = "qingzhuyuan-b3";
    public static final String STUDY_DAY = "sd-changqing-1-2026-11";
    public static final String STUDY_DAY_DATE = "2026-11-10";

    private Subdistrict() {
    }

    public static void create(Http http) {
        organization(http, COMMITTEE, "青龙街道党工委", "COMMITTEE", null, null, null);
        organization(http, VILLAGE, "常青村党总支", "GENERAL_BRANCH", "RELOCATING_VILLAGE", null, COMMITTEE);
        organization(http, ORIGIN_BRANCH, "常青村第一党支部", "BRANCH", "RELOCATING_VILLAGE", null, VILLAGE);
        organization(http, COMMUNITY, "青竹苑党总支", "GENERAL_BRANCH", "RESETTLEMENT_COMMUNITY", null, COMMITTEE);
        organization(http, RESIDENCE_BRANCH, "青竹苑第一党支部", "BRANCH", "RESETTLEMENT_COMMUNITY", null, COMMUNITY);
        organization(http, TRANSITION_GROUP, "常青村过渡期党小组", "GROUP", null, "TRANSITION", ORIGIN_BRANCH);
        organization(http, BUILDING_GROUP, "青竹苑3幢楼栋党小组", "GROUP", null, "BUILDING", RESIDENCE_BRANCH);
        var studyDay = http.post("/api/study-days", """
                {"studyDayId":"%s","branchId":"%s","date":"%s","topic":"学习党的二十大精神","modes":["NEARBY","ONLINE"]}"""
                .formatted(STUDY_DAY, ORIGIN_BRANCH, STUDY_DAY_DATE));
        assertThat(studyDay.status()).as(studyDay.text()).isIn(200, 201);
    }

    private static void organization(Http http, String id, String name, String level, String setting, String kind,
                                     String parent) {
        var reply = http.post("/api/organizations", """
                {"organizationId":"%s","name":"%s","level":"%s","setting":%s,"groupKind":%s,"parentId":%s,"establishedOn":"2005-01-01"}"""
                .formatted(id, name, level, quoted(setting), quoted(kind), quoted(parent)));
        assertThat(reply.status()).as(reply.text()).isIn(200, 201);
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    public static String registration(String memberId) {
        return """
                {"memberId":"%s","name":"张建国","gender":"M","birthDate":"1948-03-01","joinedPartyOn":"1972-07-01",
                 "branchId":"%s","categories":["FARMER","RETIRED"],"residence":{"status":"ORIGINAL","address":"常青村12号"},
                 "phone":"13800000000","registeredOn":"2020-01-01"}""".formatted(memberId, ORIGIN_BRANCH);
    }

    public static void register(Http http, String memberId) {
        var reply = http.post("/api/members", registration(memberId));
        assertThat(reply.status()).as(reply.text()).isIn(200, 201);
    }
}
