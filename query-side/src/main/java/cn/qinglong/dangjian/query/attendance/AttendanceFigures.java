package cn.qinglong.dangjian.query.attendance;

import cn.qinglong.dangjian.kernel.member.MemberEvent;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberAttendedStudyDay;
import cn.qinglong.dangjian.kernel.member.MemberEvent.StudyAbsenceExcused;
import cn.qinglong.dangjian.kernel.member.MemberEvent.StudyFollowedUp;
import cn.qinglong.dangjian.kernel.member.MemberEvent.StudyMadeUp;
import cn.qinglong.dangjian.kernel.member.MemberState;
import cn.qinglong.dangjian.kernel.member.MemberState.DailyBranch;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import cn.qinglong.dangjian.kernel.studyday.StudyDayId;
import cn.qinglong.dangjian.kernel.studyday.StudyMode;
import cn.qinglong.dangjian.query.projection.MemberDocuments;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
public record AttendanceFigures(Set<String> expected, Map<StudyMode, Integer> byMode, Set<String> attended,
                         Set<String> excused, Set<String> madeUp, Set<String> leftBehind, Set<String> followedUp) {

    /**
     * What {@link #recordedBy} and then {@link #of} read of a member document: the history and the whole study-day
     * facts, their dates included.
     */
    public static final List<String> READS_AS_RECORDED = List.of(MemberDocuments.DAILY_HISTORY,
            AttendanceProjection.ATTENDED, AttendanceProjection.EXCUSED, AttendanceProjection.MADE_UP,
            AttendanceProjection.FOLLOWED_UP);

    /**
     * What the figures read of a member document: its daily-branch history and, of each study-day fact, the study
     * day (and an attendance's mode). Readers project member documents to these fields (and any of their own).
     */
    public static final List<String> READS = List.of(MemberDocuments.DAILY_HISTORY,
            AttendanceProjection.ATTENDED + ".studyDayId", AttendanceProjection.ATTENDED + ".mode",
            AttendanceProjection.EXCUSED, AttendanceProjection.MADE_UP + ".studyDayId",
            AttendanceProjection.FOLLOWED_UP + ".studyDayId");

    /**
     * Figures of one study day over member documents that carry the study-day facts ({@link #carry}) and the
     * member's daily-branch history: the attendance view's and any other view's that keeps them.
     */
    public static AttendanceFigures of(Document studyDay, Iterable<Document> members) {
        List<Member> read = new ArrayList<>();
        members.forEach(member -> read.add(Member.of(member)));
        return of(studyDay, read);
    }

    /**
     * Figures of each study day, by its id in the order given, each over only the members whose daily-branch history
     * names its branch (no one else can be expected at it); each member's history is read once. The study days have
     * a date.
     */
    public static Map<String, AttendanceFigures> ofEach(Iterable<Document> studyDays, Iterable<Document> members) {
        Map<String, List<Member>> byBranch = new HashMap<>();
        for (Document document : members) {
            Member member = Member.of(document);
            member.history().stream().map(DailyBranch::branchId).filter(Objects::nonNull).map(OrganizationId::value)
                    .distinct().forEach(b -> byBranch.computeIfAbsent(b, k -> new ArrayList<>()).add(member));
        }
        Map<String, AttendanceFigures> figures = new LinkedHashMap<>();
        for (Document studyDay : studyDays) {
            figures.put(studyDay.getString("_id"),
                    of(studyDay, byBranch.getOrDefault(studyDay.getString("branchId"), List.of())));
        }
        return figures;
    }

    /** A member document with its daily-branch history read. */
    private record Member(Document document, List<DailyBranch> history) {
        static Member of(Document document) {
            return new Member(document, MemberDocuments.dailyHistory(document));
        }
    }

    private static AttendanceFigures of(Document studyDay, List<Member> members) {
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
        for (Member read : members) {
            OrganizationId branch = MemberState.dailyBranchOn(read.history(), date);
            if (cancelled || branch == null || !branchId.equals(branch.value())) {
                continue;
            }
            Document member = read.document();
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

    public boolean zeroLeftBehind() {
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

    /**
     * Carries the member's study-day facts forward and adds the event's: the first record per study day counts
     * (the command side refuses a different second one). The daily-branch history is the state's own.
     */
    public static void carry(Document document, Document previous, MemberEvent event) {
        List<Document> attended = new ArrayList<>(list(previous, AttendanceProjection.ATTENDED));
        if (event instanceof MemberAttendedStudyDay e && absent(attended, e.studyDayId())) {
            attended.add(new Document("studyDayId", e.studyDayId().value()).append("mode", e.mode().name())
                    .append("on", e.attendedOn().toString()));
        }
        document.put(AttendanceProjection.ATTENDED, attended);
        List<String> excused = new ArrayList<>(previous == null ? List.of()
                : previous.getList(AttendanceProjection.EXCUSED, String.class, List.of()));
        if (event instanceof StudyAbsenceExcused e && !excused.contains(e.studyDayId().value())) {
            excused.add(e.studyDayId().value());
        }
        document.put(AttendanceProjection.EXCUSED, excused);
        List<Document> madeUp = new ArrayList<>(list(previous, AttendanceProjection.MADE_UP));
        if (event instanceof StudyMadeUp e && absent(madeUp, e.studyDayId())) {
            madeUp.add(new Document("studyDayId", e.studyDayId().value()).append("mode", e.mode().name())
                    .append("on", e.madeUpOn().toString()));
        }
        document.put(AttendanceProjection.MADE_UP, madeUp);
        List<Document> followedUp = new ArrayList<>(list(previous, AttendanceProjection.FOLLOWED_UP));
        if (event instanceof StudyFollowedUp e && absent(followedUp, e.studyDayId())) {
            followedUp.add(new Document("studyDayId", e.studyDayId().value()).append("by", e.helperName())
                    .append("method", e.method().name()).append("on", e.followedUpOn().toString()));
        }
        document.put(AttendanceProjection.FOLLOWED_UP, followedUp);
    }

    /**
     * The member document as its study-day facts stood on {@code asOf}: attendances, make-ups and follow-ups dated
     * later are left out (an excuse carries no date here and always counts).
     */
    public static Document recordedBy(Document member, LocalDate asOf) {
        Document copy = new Document(member);
        for (String field : List.of(AttendanceProjection.ATTENDED, AttendanceProjection.MADE_UP,
                AttendanceProjection.FOLLOWED_UP)) {
            List<Document> kept = new ArrayList<>();
            for (Document entry : list(member, field)) {
                String on = entry.getString("on");
                if (on == null || !LocalDate.parse(on).isAfter(asOf)) {
                    kept.add(entry);
                }
            }
            copy.put(field, kept);
        }
        return copy;
    }

    private static boolean absent(List<Document> entries, StudyDayId studyDayId) {
        return entries.stream().noneMatch(a -> studyDayId.value().equals(a.getString("studyDayId")));
    }

    static List<Document> list(Document document, String field) {
        return document == null ? List.of() : document.getList(field, Document.class, List.of());
    }
}
