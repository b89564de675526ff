package cn.qinglong.dangjian.query.attendance;

import cn.qinglong.dangjian.kernel.studyday.StudyMode;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bson.Document;

/**
 * Who was expected at a study day and how they took part. Expected: the members whose daily-management branch on
 * the study day's date was the study day's branch (a dual-managed member's is the residence branch). Attended,
 * by mode and excused count only expected members; the left-behind neither attended nor were excused.
 */
record AttendanceFigures(Set<String> expected, Map<StudyMode, Integer> byMode, Set<String> attended,
                         Set<String> excused, Set<String> leftBehind) {

    static AttendanceFigures of(Document studyDay, Iterable<Document> members) {
        String studyDayId = studyDay.getString("_id");
        String branchId = studyDay.getString("branchId");
        LocalDate date = LocalDate.parse(studyDay.getString("date"));
        Set<String> expected = new TreeSet<>();
        Set<String> attended = new TreeSet<>();
        Set<String> excused = new TreeSet<>();
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
            for (Document attendance : member.getList(AttendanceProjection.ATTENDED, Document.class, List.of())) {
                if (studyDayId.equals(attendance.getString("studyDayId"))) {
                    attended.add(memberId);
                    byMode.merge(StudyMode.valueOf(attendance.getString("mode")), 1, Integer::sum);
                }
            }
            if (!attended.contains(memberId)
                    && member.getList(AttendanceProjection.EXCUSED, String.class, List.of()).contains(studyDayId)) {
                excused.add(memberId);
            }
        }
        Set<String> leftBehind = new TreeSet<>(expected);
        leftBehind.removeAll(attended);
        leftBehind.removeAll(excused);
        return new AttendanceFigures(expected, byMode, attended, excused, leftBehind);
    }

    /** The branch running the member's daily education on {@code date}; {@code null} when none. */
    static String dailyBranchOn(Document member, LocalDate date) {
        String on = date.toString();
        String branch = null;
        String latestFrom = null;
        for (Document entry : member.getList(AttendanceProjection.DAILY_HISTORY, Document.class, List.of())) {
            String from = entry.getString("from");
            if (from.compareTo(on) <= 0 && (latestFrom == null || from.compareTo(latestFrom) >= 0)) {
                latestFrom = from;
                branch = entry.getString("branchId");
            }
        }
        return branch;
    }
}
