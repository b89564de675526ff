package cn.qinglong.dangjian.query.report;

import cn.qinglong.dangjian.kernel.member.Category;
import cn.qinglong.dangjian.kernel.member.Gender;
import cn.qinglong.dangjian.kernel.member.MemberState;
import cn.qinglong.dangjian.kernel.member.MembershipEndReason;
import cn.qinglong.dangjian.kernel.member.ResidenceStatus;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

/**
 * One organisation's annual figures: members at the start and the end of the year, those at the end by age band,
 * gender, category (a member may hold several) and residence status, and the year's changes. An organisation's
 * figures are its own members' plus those of every organisation below it.
 */
final class Figures {

    int startOfYear;
    int endOfYear;
    final Map<AgeBand, Integer> byAgeBand = zeros(AgeBand.class);
    final Map<Gender, Integer> byGender = zeros(Gender.class);
    final Map<Category, Integer> byCategory = zeros(Category.class);
    final Map<ResidenceStatus, Integer> byResidence = zeros(ResidenceStatus.class);
    int registered;
    int transferredIn;
    int transferredOut;
    final Map<MembershipEndReason, Integer> ended = zeros(MembershipEndReason.class);

    /** A member active on 31 December, counted here. */
    void countAtYearEnd(MemberState member, LocalDate yearEnd) {
        endOfYear++;
        Integer age = member.ageOn(yearEnd);
        if (age != null) {
            byAgeBand.merge(AgeBand.of(age), 1, Integer::sum);
        }
        if (member.gender() != null) {
            byGender.merge(member.gender(), 1, Integer::sum);
        }
        member.categories().forEach(category -> byCategory.merge(category, 1, Integer::sum));
        if (member.residence() != null) {
            byResidence.merge(member.residence().status(), 1, Integer::sum);
        }
    }

    void add(Figures other) {
        startOfYear += other.startOfYear;
        endOfYear += other.endOfYear;
        other.byAgeBand.forEach((key, n) -> byAgeBand.merge(key, n, Integer::sum));
        other.byGender.forEach((key, n) -> byGender.merge(key, n, Integer::sum));
        other.byCategory.forEach((key, n) -> byCategory.merge(key, n, Integer::sum));
        other.byResidence.forEach((key, n) -> byResidence.merge(key, n, Integer::sum));
        registered += other.registered;
        transferredIn += other.transferredIn;
        transferredOut += other.transferredOut;
        other.ended.forEach((key, n) -> ended.merge(key, n, Integer::sum));
    }

    private static <E extends Enum<E>> Map<E, Integer> zeros(Class<E> type) {
        Map<E, Integer> map = new EnumMap<>(type);
        for (E value : type.getEnumConstants()) {
            map.put(value, 0);
        }
        return map;
    }
}
