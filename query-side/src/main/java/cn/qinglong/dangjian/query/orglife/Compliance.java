package cn.qinglong.dangjian.query.orglife;

import cn.qinglong.dangjian.kernel.meeting.Frequency;
import cn.qinglong.dangjian.kernel.meeting.MeetingKind;
import cn.qinglong.dangjian.query.organization.OrganizationTree;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * 三会一课 compliance, computed from the organisations and the meetings held, by {@link MeetingKind}'s table of
 * required frequencies: per branch (and per group, for group meetings) and kind, each period of the kind's frequency
 * that overlaps the window, has begun by today and throughout which the organisation existed (established by its
 * first day, not dissolved before its last) is required; it is GREEN once a meeting of the kind was held in it,
 * AMBER while it runs unmet, RED once it ended unmet. A row is RED when one of its periods is, else AMBER when one is,
 * else GREEN; {@code held} counts the required periods met, so it compares with {@code required}.
 */
final class Compliance {

    enum Status { RED, AMBER, GREEN }

    record Period(String period, LocalDate from, LocalDate to, int meetings, Status status) {
    }

    record Row(String branchId, String groupId, String name, MeetingKind kind, String kindLabel, Frequency frequency,
               String frequencyLabel, int required, int held, int meetings, Status status, List<Period> periods) {

        String organizationId() {
            return groupId != null ? groupId : branchId;
        }
    }

    /** A share of branches green: every kind a branch must hold is GREEN (its groups are counted apart). */
    record Share(String organizationId, String name, int branches, int green, BigDecimal share) {
    }

    private Compliance() {
    }

    /** The rows of the organisations in {@code scope}, red first, then amber, then green. */
    static List<Row> rows(OrganizationTree tree, Collection<String> scope, List<Document> meetings, LocalDate from,
                          LocalDate to, LocalDate today) {
        Map<String, List<LocalDate>> held = new HashMap<>();
        for (Document meeting : meetings) {
            held.computeIfAbsent(meeting.getString("organizationId") + "|" + meeting.getString("kind"),
                    k -> new ArrayList<>()).add(LocalDate.parse(meeting.getString("heldOn")));
        }
        List<Row> rows = new ArrayList<>();
        for (String id : scope) {
            Document organization = tree.get(id);
            if (organization == null || organization.getString("establishedOn") == null) {
                continue;
            }
            String level = organization.getString("level");
            boolean group = "GROUP".equals(level);
            if (!group && !"BRANCH".equals(level)) {
                continue;
            }
            for (MeetingKind kind : MeetingKind.values()) {
                if (kind.heldByGroup() == group) {
                    Row row = row(organization, kind, held.getOrDefault(id + "|" + kind.name(), List.of()), from, to,
                            today);
                    if (row.required() > 0) {
                        rows.add(row);
                    }
                }
            }
        }
        rows.sort(Comparator.comparing(Row::status).thenComparing(Row::branchId)
                .thenComparing(row -> row.groupId() == null ? "" : row.groupId()).thenComparing(Row::kind));
        return rows;
    }

    private static Row row(Document organization, MeetingKind kind, List<LocalDate> held, LocalDate from,
                           LocalDate to, LocalDate today) {
        LocalDate established = LocalDate.parse(organization.getString("establishedOn"));
        String dissolvedOn = organization.getString("dissolvedOn");
        LocalDate dissolved = dissolvedOn == null ? null : LocalDate.parse(dissolvedOn);
        Frequency frequency = kind.required();
        List<Period> periods = new ArrayList<>();
        int met = 0;
        int meetings = 0;
        for (LocalDate start = frequency.periodStart(from); !start.isAfter(to);
             start = frequency.periodEnd(start).plusDays(1)) {
            LocalDate end = frequency.periodEnd(start);
            if (start.isAfter(today) || established.isAfter(start) || dissolved != null && !dissolved.isAfter(end)) {
                continue;
            }
            LocalDate first = start;
            int count = (int) held.stream().filter(d -> !d.isBefore(first) && !d.isAfter(end)).count();
            Status status = count > 0 ? Status.GREEN : end.isBefore(today) ? Status.RED : Status.AMBER;
            periods.add(new Period(frequency.periodName(start), start, end, count, status));
            met += count > 0 ? 1 : 0;
            meetings += count;
        }
        Status status = periods.stream().map(Period::status).min(Comparator.naturalOrder()).orElse(Status.GREEN);
        boolean group = "GROUP".equals(organization.getString("level"));
        String id = organization.getString("_id");
        return new Row(group ? organization.getString("parentId") : id, group ? id : null,
                organization.getString("name"), kind, kind.label(), frequency, frequency.label(), periods.size(), met,
                meetings, status, periods);
    }

    /** The share of branches green among the rows of the organisation's subtree. */
    static Share share(OrganizationTree tree, String organizationId, Collection<String> subtree, List<Row> rows) {
        Map<String, Boolean> branchGreen = new HashMap<>();
        for (Row row : rows) {
            if (row.groupId() == null && subtree.contains(row.branchId())) {
                branchGreen.merge(row.branchId(), row.status() == Status.GREEN, Boolean::logicalAnd);
            }
        }
        int green = (int) branchGreen.values().stream().filter(Boolean::booleanValue).count();
        int branches = branchGreen.size();
        return new Share(organizationId, organizationId == null ? null : tree.get(organizationId).getString("name"),
                branches, green, branches == 0 ? null
                : BigDecimal.valueOf(green).divide(BigDecimal.valueOf(branches), 4, RoundingMode.HALF_UP));
    }
}
