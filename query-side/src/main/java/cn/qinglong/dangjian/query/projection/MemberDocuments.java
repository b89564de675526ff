package cn.qinglong.dangjian.query.projection;

import cn.qinglong.dangjian.kernel.member.CareNeed;
import cn.qinglong.dangjian.kernel.member.Category;
import cn.qinglong.dangjian.kernel.member.ContactCard;
import cn.qinglong.dangjian.kernel.member.Gender;
import cn.qinglong.dangjian.kernel.member.MemberId;
import cn.qinglong.dangjian.kernel.member.MemberState;
import cn.qinglong.dangjian.kernel.member.MembershipStatus;
import cn.qinglong.dangjian.kernel.member.Rating;
import cn.qinglong.dangjian.kernel.member.Residence;
import cn.qinglong.dangjian.kernel.member.ResidenceStatus;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import cn.qinglong.dangjian.kernel.studyday.StudyMode;
import cn.qinglong.dangjian.kernel.member.MemberState.DailyBranch;
import cn.qinglong.dangjian.kernel.member.MemberState.DuesPayment;
import cn.qinglong.dangjian.kernel.member.MemberState.DuesStandard;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.bson.Document;

/**
 * {@link MemberState} as a document and back. Views keep the whole state of each member they follow and fold the
 * next event with {@link MemberState#apply}, so there is exactly one interpretation of a member's events.
 */
public final class MemberDocuments {

    /** The member's dated daily-management branches: {@code [{from, branchId?}]}. */
    public static final String DAILY_HISTORY = "dailyHistory";
    /** The member's dues standards {@code [{from, amountFen}]} and payments {@code [{period, amountFen}]}. */
    public static final String DUES_STANDARDS = "duesStandards";
    public static final String DUES_PAYMENTS = "duesPayments";

    private MemberDocuments() {
    }

    private static Document entry(DailyBranch e) {
        Document entry = new Document("from", e.from().toString());
        Bson.put(entry, "branchId", e.branchId());
        return entry;
    }

    /** The dated history as kept in a member document, for {@link MemberState#dailyBranchOn(List, LocalDate)}. */
    public static List<DailyBranch> dailyHistory(Document d) {
        return d.getList(DAILY_HISTORY, Document.class, List.of()).stream()
                .map(e -> new DailyBranch(Bson.date(e, "from"), Bson.id(e, "branchId", OrganizationId::of)))
                .toList();
    }

    public static Document document(MemberState s) {
        Document d = new Document();
        Bson.put(d, "memberId", s.memberId() == null ? null : s.memberId().value());
        Bson.put(d, "name", s.name());
        Bson.put(d, "gender", s.gender());
        Bson.put(d, "birthDate", s.birthDate());
        Bson.put(d, "joinedPartyOn", s.joinedPartyOn());
        Bson.put(d, "branchId", s.branchId());
        Bson.put(d, "dailyBranchId", s.dailyBranchId());
        Bson.put(d, "residenceBranchId", s.residenceBranchId());
        d.put("dualManaged", s.dualManaged());
        if (s.residence() != null) {
            Document residence = new Document();
            Bson.put(residence, "status", s.residence().status());
            Bson.put(residence, "communityId", s.residence().communityId());
            Bson.put(residence, "address", s.residence().address());
            d.put("residence", residence);
        }
        Bson.put(d, "areaId", s.areaId());
        Bson.put(d, "relocatedOn", s.relocatedOn());
        Bson.put(d, "groupId", s.groupId());
        Bson.put(d, "buildingGroupId", s.buildingGroupId());
        Bson.put(d, "studyMode", s.studyMode());
        Bson.put(d, "categories", s.categories());
        Bson.put(d, "needs", s.needs());
        if (s.contactCard() != null) {
            ContactCard c = s.contactCard();
            Document card = new Document();
            Bson.put(card, "whereabouts", c.whereabouts());
            Bson.put(card, "phone", c.phone());
            Bson.put(card, "housing", c.housing());
            Bson.put(card, "ideology", c.ideology());
            Bson.put(card, "employment", c.employment());
            Bson.put(card, "family", c.family());
            Bson.put(card, "verifiedOn", c.verifiedOn());
            d.put("contactCard", card);
        }
        Bson.put(d, "lastVisitOn", s.lastVisitOn());
        Bson.put(d, "lastAttendanceOn", s.lastAttendanceOn());
        Bson.put(d, "duesPaidThrough", s.duesPaidThrough());
        Bson.put(d, "contactLostSince", s.contactLostSince());
        d.put("householdsLinked", s.householdsLinked());
        d.put("vanguardActivities", s.vanguardActivities());
        Bson.put(d, "lastRating", s.lastRating());
        Bson.put(d, "status", s.status());
        Bson.put(d, "endedOn", s.endedOn());
        d.put("personalDataErased", s.personalDataErased());
        d.put(DAILY_HISTORY, s.dailyHistory().stream().map(MemberDocuments::entry).toList());
        d.put(DUES_STANDARDS, s.duesStandards().stream().map(e -> new Document("from", e.from().toString())
                .append("amountFen", e.amountFen())).toList());
        d.put(DUES_PAYMENTS, s.duesPayments().stream().map(e -> new Document("period", e.period().toString())
                .append("amountFen", e.amountFen())).toList());
        d.put("version", s.version());
        return d;
    }

    public static MemberState state(Document d) {
        Document residence = d.get("residence", Document.class);
        Document card = d.get("contactCard", Document.class);
        String dues = d.getString("duesPaidThrough");
        return new MemberState(
                Bson.id(d, "memberId", MemberId::of), d.getString("name"), Bson.enumValue(d, "gender", Gender.class),
                Bson.date(d, "birthDate"), Bson.date(d, "joinedPartyOn"), Bson.id(d, "branchId", OrganizationId::of),
                Bson.id(d, "residenceBranchId", OrganizationId::of), Boolean.TRUE.equals(d.getBoolean("dualManaged")),
                residence == null ? null : new Residence(Bson.enumValue(residence, "status", ResidenceStatus.class),
                        Bson.id(residence, "communityId", OrganizationId::of), residence.getString("address")),
                Bson.id(d, "areaId", OrganizationId::of), Bson.date(d, "relocatedOn"),
                Bson.id(d, "groupId", OrganizationId::of), Bson.id(d, "buildingGroupId", OrganizationId::of),
                Bson.enumValue(d, "studyMode", StudyMode.class), Bson.enumSet(d, "categories", Category.class),
                Bson.enumSet(d, "needs", CareNeed.class),
                card == null ? null : new ContactCard(card.getString("whereabouts"), card.getString("phone"),
                        card.getString("housing"), card.getString("ideology"), card.getString("employment"),
                        card.getString("family"), Bson.date(card, "verifiedOn")),
                Bson.date(d, "lastVisitOn"), Bson.date(d, "lastAttendanceOn"),
                dues == null ? null : YearMonth.parse(dues), Bson.date(d, "contactLostSince"),
                Bson.integer(d, "householdsLinked"), Bson.integer(d, "vanguardActivities"),
                Bson.enumValue(d, "lastRating", Rating.class), Bson.enumValue(d, "status", MembershipStatus.class),
                Bson.date(d, "endedOn"), Boolean.TRUE.equals(d.getBoolean("personalDataErased")), dailyHistory(d),
                d.getList(DUES_STANDARDS, Document.class, List.of()).stream().map(e -> new DuesStandard(
                        YearMonth.parse(e.getString("from")), ((Number) e.get("amountFen")).longValue())).toList(),
                d.getList(DUES_PAYMENTS, Document.class, List.of()).stream().map(e -> new DuesPayment(
                        YearMonth.parse(e.getString("period")), ((Number) e.get("amountFen")).longValue())).toList(),
                ((Number) d.get("version")).longValue());
    }
}
