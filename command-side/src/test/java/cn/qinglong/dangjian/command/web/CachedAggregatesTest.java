package cn.qinglong.dangjian.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The command side keeps members it loaded for the next command; what it keeps must never outlive an erasure, and
 * the study days it folded must never hide a cancellation.
 */
class CachedAggregatesTest extends KeptMembersTest {

    @Test
    void an_erased_member_is_no_longer_kept_in_memory() {
        Subdistrict.register(http(), "m-cache-erased");
        var end = http().post("/api/members/m-cache-erased/membership-end",
                "{\"reason\":\"DECEASED\",\"endedOn\":\"2026-11-01\"}");
        assertThat(end.status()).as(end.text()).isEqualTo(200);
        assertThat(aggregates.containsKey("m-cache-erased")).as("kept after the membership ended").isTrue();

        var erasure = http().post("/api/members/m-cache-erased/erasure", "");

        assertThat(erasure.status()).as(erasure.text()).isEqualTo(200);
        assertThat(aggregates.containsKey("m-cache-erased")).as("kept after the erasure").isFalse();
        var repeat = http().post("/api/members/m-cache-erased/erasure", "");
        assertThat(repeat.status()).as(repeat.text()).isEqualTo(200);
        assertThat(repeat.json().path("version").asLong()).isEqualTo(erasure.json().path("version").asLong());
    }

    @Test
    void members_are_kept_between_commands_and_snapshots_are_still_taken() {
        Subdistrict.register(http(), "m-cache-kept");
        for (int i = 0; i < 60; i++) {
            var visit = http().post("/api/members/m-cache-kept/care-visits", VISIT);
            assertThat(visit.status()).as(visit.text()).isEqualTo(200);
            assertThat(visit.json().path("version").asLong()).isEqualTo(i + 1);
        }
        assertThat(aggregates.containsKey("m-cache-kept")).isTrue();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM SnapshotEventEntry WHERE aggregateIdentifier = ?",
                Long.class, "m-cache-kept")).as("snapshots every 50 events").isPositive();
    }

    @Test
    void attendance_sees_a_study_day_cancelled_after_it_was_read() {
        Subdistrict.register(http(), "m-cache-early");
        Subdistrict.register(http(), "m-cache-late");
        var studyDay = http().post("/api/study-days", """
                {"studyDayId":"sd-cache","branchId":"%s","date":"2026-10-10","topic":"学习","modes":["NEARBY"]}"""
                .formatted(Subdistrict.ORIGIN_BRANCH));
        assertThat(studyDay.status()).as(studyDay.text()).isEqualTo(201);
        String attendance = "{\"studyDayId\":\"sd-cache\",\"mode\":\"NEARBY\",\"attendedOn\":\"2026-10-10\"}";
        var early = http().post("/api/members/m-cache-early/attendance", attendance);
        assertThat(early.status()).as(early.text()).isEqualTo(200);

        var rescheduled = http().post("/api/study-days/sd-cache/rescheduling",
                "{\"date\":\"2026-10-12\",\"reason\":\"台风\"}");
        assertThat(rescheduled.status()).as(rescheduled.text()).isEqualTo(200);
        var beforeNewDate = http().post("/api/members/m-cache-late/attendance", attendance);
        assertThat(beforeNewDate.status()).as("attendance before the rescheduled date").isEqualTo(422);

        var cancelled = http().post("/api/study-days/sd-cache/cancellation", "{\"reason\":\"台风\"}");
        assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
        var late = http().post("/api/members/m-cache-late/attendance",
                "{\"studyDayId\":\"sd-cache\",\"mode\":\"NEARBY\",\"attendedOn\":\"2026-10-12\"}");
        assertThat(late.status()).as(late.text()).isEqualTo(422);
        assertThat(late.text()).contains("cancelled");
    }
}
