package cn.qinglong.dangjian.query.member;

import cn.qinglong.dangjian.kernel.member.MemberState;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/** A member as the committee reads them: the fold of their events, with age and card completeness as of today. */
record MemberView(String memberId, String name, String gender, LocalDate birthDate, Integer age, String branchId,
                  String dailyBranchId, String residenceBranchId, boolean dualManaged, Residence residence,
                  String areaId, String groupId, String buildingGroupId, String studyMode, List<String> categories,
                  List<String> needs, ContactCard contactCard, LocalDate lastVisitOn, LocalDate lastAttendanceOn,
                  String duesPaidThrough, Arrears arrears, LocalDate contactLostSince, int householdsLinked, int vanguardActivities,
                  String lastRating, String status, LocalDate endedOn, boolean personalDataErased, long version) {

    record Residence(String status, String communityId, String address) {
    }

    record ContactCard(boolean complete, boolean allSixFilled, LocalDate verifiedOn) {
    }

    /** The months owed up to last month and what they come to, in fen. */
    record Arrears(List<String> months, long owedFen) {

        static Arrears of(MemberState s, YearMonth through) {
            List<MemberState.Arrear> owed = s.arrearsThrough(through);
            return new Arrears(owed.stream().map(a -> a.period().toString()).toList(),
                    owed.stream().mapToLong(MemberState.Arrear::amountFen).sum());
        }
    }

    static MemberView of(MemberState s, LocalDate today) {
        return new MemberView(s.memberId().value(), s.name(), name(s.gender()), s.birthDate(), s.ageOn(today),
                id(s.branchId()), id(s.dailyBranchId()), id(s.residenceBranchId()), s.dualManaged(),
                s.residence() == null ? null : new Residence(name(s.residence().status()),
                        id(s.residence().communityId()), s.residence().address()),
                id(s.areaId()), id(s.groupId()), id(s.buildingGroupId()), name(s.studyMode()),
                s.categories().stream().map(Enum::name).toList(), s.needs().stream().map(Enum::name).toList(),
                new ContactCard(s.contactCardCompleteOn(today), s.contactCard() != null && s.contactCard().allSixFilled(),
                        s.contactCard() == null ? null : s.contactCard().verifiedOn()),
                s.lastVisitOn(), s.lastAttendanceOn(), s.duesPaidThrough() == null ? null : s.duesPaidThrough().toString(),
                Arrears.of(s, YearMonth.from(today).minusMonths(1)), s.contactLostSince(), s.householdsLinked(),
                s.vanguardActivities(), name(s.lastRating()),
                name(s.status()), s.endedOn(), s.personalDataErased(), s.version());
    }

    private static String id(OrganizationId id) {
        return id == null ? null : id.value();
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
