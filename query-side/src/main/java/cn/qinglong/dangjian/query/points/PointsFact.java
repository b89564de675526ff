package cn.qinglong.dangjian.query.points;

import java.util.Arrays;
import java.util.Optional;

/**
 * The facts that score points (激励考核积分), each under the name a rule table row is keyed by, with its Chinese
 * label and its points in the default table (docs/points.md, version 1).
 */
public enum PointsFact {
    MEMBER_ATTENDED_STUDY_DAY("MemberAttendedStudyDay", "参加固定学习日", 2),
    STUDY_MADE_UP("StudyMadeUp", "补学", 1),
    STUDY_DAY_LEFT_BEHIND("StudyDayLeftBehind", "学习日掉队未补学（满30天）", -1),
    MEMBER_ATTENDED_MEETING("MemberAttendedMeeting", "参加组织生活会议", 1),
    DUES_PAID("DuesPaid", "当月按时交纳党费", 1),
    VANGUARD_ACTIVITY_RECORDED("VanguardActivityRecorded", "先锋模范活动", 3),
    HOUSEHOLDS_LINKED("HouseholdsLinked", "联系群众户（每户）", 1),
    MEMBER_VISITED_BY_HELPER("MemberVisitedByHelper", "走访帮扶党员", 2),
    SUGGESTION_SUBMITTED("SuggestionSubmitted", "建言献策", 1),
    IDENTITY_DISPLAYED("IdentityDisplayed", "楼道亮身份", 2);

    private final String fact;
    private final String label;
    private final int defaultPoints;

    PointsFact(String fact, String label, int defaultPoints) {
        this.fact = fact;
        this.label = label;
        this.defaultPoints = defaultPoints;
    }

    /** The name a rule table row is keyed by, and the answer's {@code fact}. */
    public String fact() {
        return fact;
    }

    /** The Chinese term the dashboard shows. */
    public String label() {
        return label;
    }

    int defaultPoints() {
        return defaultPoints;
    }

    static Optional<PointsFact> named(String fact) {
        return Arrays.stream(values()).filter(f -> f.fact.equals(fact)).findFirst();
    }
}
