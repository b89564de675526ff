package cn.qinglong.dangjian.query.report;

import cn.qinglong.dangjian.kernel.member.Category;
import cn.qinglong.dangjian.kernel.member.Gender;
import cn.qinglong.dangjian.kernel.member.MembershipEndReason;
import cn.qinglong.dangjian.kernel.member.ResidenceStatus;
import cn.qinglong.dangjian.kernel.organization.OrganizationLevel;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The year's statistics (党内统计年报) as of 31 December, from the events up to store position {@code position}: one
 * row per organisation, the asked one (or each top organisation) first and every organisation below it after its
 * parent, down to the branches. A row's figures include all its descendants', so each level adds up.
 */
record AnnualReport(String organizationId, int year, LocalDate asOf, long position, List<Row> organizations) {

    record Row(String organizationId, String name, OrganizationLevel level, String parentId, int depth,
               int startOfYear, int endOfYear, Map<AgeBand, Integer> byAgeBand, Map<Gender, Integer> byGender,
               Map<Category, Integer> byCategory, Map<ResidenceStatus, Integer> byResidence, int registered,
               int transferredIn, int transferredOut, Map<MembershipEndReason, Integer> ended) {

        static Row of(String id, String name, OrganizationLevel level, String parentId, int depth, Figures f) {
            return new Row(id, name, level, parentId, depth, f.startOfYear, f.endOfYear, copy(f.byAgeBand),
                    copy(f.byGender), copy(f.byCategory), copy(f.byResidence), f.registered, f.transferredIn,
                    f.transferredOut, copy(f.ended));
        }

        /** In declaration order, as the workbook's columns are. */
        private static <E extends Enum<E>> Map<E, Integer> copy(Map<E, Integer> figures) {
            return Collections.unmodifiableMap(new EnumMap<>(figures));
        }
    }
}
