package cn.qinglong.dangjian.query.attendance;

import cn.qinglong.dangjian.kernel.member.MemberState;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import cn.qinglong.dangjian.kernel.studyday.StudyMode;
import cn.qinglong.dangjian.query.projection.MemberDocuments;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bson.Document;

/**
 * Who was expected at a study day and how they took part. Expected: the members whose daily-management branch on
 * the study day's date was the study day's branch ({@link MemberState#dailyBranchOn}, the rule the command side
 * decides by). Attended, by mode, excused and made up count only expected members; the left-behind neither
 * attended nor were excused nor made the study up; followed up are the left-behind someone reached. A study day
 * reaches zero left behind when no one expected is left behind.
 */
record AttendanceFigures(Set<String> expected, Map<StudyMode, Integer> byMode, Set<String> attended,
                         Set<String> excused, Set<String> madeUp, Set<String> leftBehind, Set<String> followedUp) {

    static AttendanceFigures of(Document studyDay, Iterable<Document> members) {
        String studyDayId = studyDay.getString("_id");
        String branchId = studyDay.getString("branchId");
        LocalDate date = LocalDate.parse(studyDay.getString("date"));
        Set<String> expected = new TreeSet<>();
        Set<String> attended = new TreeSet<>();
        Set<String> excused = new TreeSet<>();
        Set<String> madeUp = new TreeSet<>();
        Set<String> reached = new TreeSet<>();
        Map<StudyMode, Integer> byMode = new EnumMap<>(StudyMode.class);
        for (StudyMode mode : StudyMode.values()) {
            byMode.put(mode, 0);
        }
        boolean cancelled = Boolean.TRUE.equals(studyDay.getBoolean("cancelled"));
        for (Document member : members) {
            if (cancelled || !branchId.equals(dailyBranchOn(member, date))) {
                continue;
            }
            String memberId = member.getString("_id");
            expected.add(memberId);
            Document attendance = entry(member, AttendanceProjection.ATTENDED, studyDayId);
            if (attendance != null) {
                attended.add(memberId);
                byMode.merge(StudyMode.valueOf(attendance.getString("mode")), 1, Integer::sum);
                continue;
            }
            if (member.getList(AttendanceProjection.EXCUSED, String.class, List.of()).contains(studyDayId)) {
                excused.add(memberId);
            }
            if (entry(member, AttendanceProjection.MADE_UP, studyDayId) != null) {
                madeUp.add(memberId);
            }
            if (entry(member, AttendanceProjection.FOLLOWED_UP, studyDayId) != null) {
                reached.add(memberId);
            }
        }
        Set<String> leftBehind = new TreeSet<>(expected);
        leftBehind.removeAll(attended);
        leftBehind.removeAll(excused);
        leftBehind.removeAll(madeUp);
        Set<String> followedUp = new TreeSet<>(reached);
        followedUp.retainAll(leftBehind);
        return new AttendanceFigures(expected, byMode, attended, excused, madeUp, leftBehind, followedUp);
    }

    boolean zeroLeftBehind() {
        return leftBehind.isEmpty();
    }

    /** The entry of a member's list ({@code attended}, {@code madeUp}, {@code followedUp}) for the study day. */
    static Document entry(Document member, String list, String studyDayId) {
        for (Document entry : member.getList(list, Document.class, List.of())) {
            if (studyDayId.equals(entry.getString("studyDayId"))) {
                return entry;
            }
        }
        return null;
    }

    /** The branch running the member's daily education on {@code date}; {@code null} when none. */
    static String dailyBranchOn(Document member, LocalDate date) {
        OrganizationId branch = MemberState.dailyBranchOn(MemberDocuments.dailyHistory(member), date);
        return branch == null ? null : branch.value();
    }
}
