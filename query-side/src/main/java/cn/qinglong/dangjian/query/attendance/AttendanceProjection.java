package cn.qinglong.dangjian.query.attendance;

import cn.qinglong.dangjian.kernel.member.MemberEvent;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberAttendedStudyDay;
import cn.qinglong.dangjian.kernel.member.MemberEvent.StudyAbsenceExcused;
import cn.qinglong.dangjian.kernel.member.MemberEvent.StudyFollowedUp;
import cn.qinglong.dangjian.kernel.member.MemberEvent.StudyMadeUp;
import cn.qinglong.dangjian.kernel.member.MemberState;
import cn.qinglong.dangjian.kernel.studyday.StudyDayId;
import cn.qinglong.dangjian.query.projection.KeyIndex;
import cn.qinglong.dangjian.query.projection.MemberDocuments;
import cn.qinglong.dangjian.query.projection.MemberOrganizationStudyDayProjection;
import cn.qinglong.dangjian.query.projection.ViewCollections;
import com.mongodb.client.model.Indexes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Study days, the organisations (for a window over an organisation and what is below it), and per member the dated
 * history of their daily-management branch (kept by the kernel's {@link MemberState}, so "expected on that date"
 * is the command side's rule), their attendances, excused absences, follow-ups and make-up studies.
 */
@Component
class AttendanceProjection extends MemberOrganizationStudyDayProjection {

    static final String NAME = "attendance";
    static final String DAILY_HISTORY = MemberDocuments.DAILY_HISTORY;
    static final String ATTENDED = "attended";
    static final String EXCUSED = "excused";
    static final String MADE_UP = "madeUp";
    static final String FOLLOWED_UP = "followedUp";
    /** {@link KeyIndex}: the branches a member's daily-branch history names, so a study day finds its members. */
    static final String DAILY_BRANCH_INDEX = "dailyBranch";

    AttendanceProjection() {
        super(NAME, KeyIndex.COLLECTION);
    }

    @Override
    protected Map<String, Set<String>> keys(String collection, Document document) {
        if (!MEMBERS.equals(collection)) {
            return Map.of();
        }
        Set<String> branches = new TreeSet<>();
        for (Document entry : list(document, DAILY_HISTORY)) {
            if (entry.getString("branchId") != null) {
                branches.add(entry.getString("branchId"));
            }
        }
        return Map.of(DAILY_BRANCH_INDEX, branches);
    }

    @Override
    public void createIndexes(ViewCollections views) {
        views.get(MEMBERS).createIndex(Indexes.ascending(DAILY_HISTORY + ".branchId"));
        views.get(STUDY_DAYS).createIndex(Indexes.ascending("branchId", "date"));
        views.get(STUDY_DAYS).createIndex(Indexes.ascending("date"));
        KeyIndex.markCompleteIfEmpty(views.get(MEMBERS), views.get(KeyIndex.COLLECTION));
    }

    /**
     * Carries the member's study-day facts forward and adds the event's: the first record per study day counts
     * (the command side refuses a different second one). The daily-branch history is the state's own.
     */
    @Override
    protected void extend(Document document, Document previous, MemberState before, MemberState after,
                          MemberEvent event) {
        List<Document> attended = new ArrayList<>(list(previous, ATTENDED));
        if (event instanceof MemberAttendedStudyDay e && absent(attended, e.studyDayId())) {
            attended.add(new Document("studyDayId", e.studyDayId().value()).append("mode", e.mode().name())
                    .append("on", e.attendedOn().toString()));
        }
        document.put(ATTENDED, attended);
        List<String> excused = new ArrayList<>(previous == null ? List.of() : previous.getList(EXCUSED, String.class, List.of()));
        if (event instanceof StudyAbsenceExcused e && !excused.contains(e.studyDayId().value())) {
            excused.add(e.studyDayId().value());
        }
        document.put(EXCUSED, excused);
        List<Document> madeUp = new ArrayList<>(list(previous, MADE_UP));
        if (event instanceof StudyMadeUp e && absent(madeUp, e.studyDayId())) {
            madeUp.add(new Document("studyDayId", e.studyDayId().value()).append("mode", e.mode().name())
                    .append("on", e.madeUpOn().toString()));
        }
        document.put(MADE_UP, madeUp);
        List<Document> followedUp = new ArrayList<>(list(previous, FOLLOWED_UP));
        if (event instanceof StudyFollowedUp e && absent(followedUp, e.studyDayId())) {
            followedUp.add(new Document("studyDayId", e.studyDayId().value()).append("by", e.helperName())
                    .append("method", e.method().name()).append("on", e.followedUpOn().toString()));
        }
        document.put(FOLLOWED_UP, followedUp);
    }

    private static boolean absent(List<Document> entries, StudyDayId studyDayId) {
        return entries.stream().noneMatch(a -> studyDayId.value().equals(a.getString("studyDayId")));
    }

    private static List<Document> list(Document document, String field) {
        return document == null ? List.of() : document.getList(field, Document.class, List.of());
    }
}
