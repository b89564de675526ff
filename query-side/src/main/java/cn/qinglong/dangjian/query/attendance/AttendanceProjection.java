package cn.qinglong.dangjian.query.attendance;

import cn.qinglong.dangjian.kernel.member.MemberEvent;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberAttendedStudyDay;
import cn.qinglong.dangjian.kernel.member.MemberEvent.StudyAbsenceExcused;
import cn.qinglong.dangjian.kernel.member.MemberState;
import cn.qinglong.dangjian.kernel.member.MembershipStatus;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import cn.qinglong.dangjian.kernel.studyday.StudyDayEvent;
import cn.qinglong.dangjian.query.projection.Envelope;
import cn.qinglong.dangjian.query.projection.KeyIndex;
import cn.qinglong.dangjian.query.projection.MemberFoldProjection;
import cn.qinglong.dangjian.query.projection.StudyDayDocuments;
import cn.qinglong.dangjian.query.projection.ViewCollections;
import com.mongodb.client.model.Indexes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Study days, and per member the dated history of their daily-management branch (so "expected on that date" can
 * be answered for any past study day), their attendances and their excused absences.
 */
@Component
class AttendanceProjection extends MemberFoldProjection {

    static final String NAME = "attendance";
    static final String STUDY_DAYS = "study_days";
    static final String DAILY_HISTORY = "dailyHistory";
    static final String ATTENDED = "attended";
    static final String EXCUSED = "excused";
    /** {@link KeyIndex}: the branches a member's daily-branch history names, so a study day finds its members. */
    static final String DAILY_BRANCH_INDEX = "dailyBranch";

    AttendanceProjection() {
        super(NAME, STUDY_DAYS, KeyIndex.COLLECTION);
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

    @Override
    protected Target otherTarget(Envelope event) {
        return event.payload() instanceof StudyDayEvent e ? new Target(STUDY_DAYS, e.studyDayId().value()) : null;
    }

    @Override
    protected Document foldOther(String collection, Document current, Envelope event) {
        return StudyDayDocuments.fold(current, (StudyDayEvent) event.payload());
    }

    /**
     * A new history entry whenever the branch running the member's daily education changes (registration,
     * relation transfer, dual management established or ended); membership ending closes it with no branch.
     */
    @Override
    protected void extend(Document document, Document previous, MemberState before, MemberState after,
                          MemberEvent event) {
        List<Document> history = new ArrayList<>(list(previous, DAILY_HISTORY));
        String dailyBefore = dailyBranch(before);
        String dailyAfter = dailyBranch(after);
        if (!Objects.equals(dailyBefore, dailyAfter)) {
            Document entry = new Document("from", event.occurredOn().toString());
            if (dailyAfter != null) {
                entry.append("branchId", dailyAfter);
            }
            history.add(entry);
        }
        document.put(DAILY_HISTORY, history);
        List<Document> attended = new ArrayList<>(list(previous, ATTENDED));
        if (event instanceof MemberAttendedStudyDay e
                && attended.stream().noneMatch(a -> e.studyDayId().value().equals(a.getString("studyDayId")))) {
            attended.add(new Document("studyDayId", e.studyDayId().value()).append("mode", e.mode().name())
                    .append("on", e.attendedOn().toString()));
        }
        document.put(ATTENDED, attended);
        List<String> excused = new ArrayList<>(previous == null ? List.of() : previous.getList(EXCUSED, String.class, List.of()));
        if (event instanceof StudyAbsenceExcused e && !excused.contains(e.studyDayId().value())) {
            excused.add(e.studyDayId().value());
        }
        document.put(EXCUSED, excused);
    }

    private static String dailyBranch(MemberState state) {
        OrganizationId daily = state.status() == MembershipStatus.ACTIVE ? state.dailyBranchId() : null;
        return daily == null ? null : daily.value();
    }

    private static List<Document> list(Document document, String field) {
        return document == null ? List.of() : document.getList(field, Document.class, List.of());
    }
}
