package cn.qinglong.dangjian.query.dashboard;

import cn.qinglong.dangjian.kernel.member.MemberState;
import cn.qinglong.dangjian.kernel.member.MembershipStatus;
import cn.qinglong.dangjian.query.projection.KeyIndex;
import cn.qinglong.dangjian.query.projection.MemberDocuments;
import com.mongodb.client.MongoCollection;
import java.time.YearMonth;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.bson.Document;

/**
 * The dashboard view's {@link KeyIndex} entries for dues, so an organisation's collection is counted from one entry
 * per branch and month and its arrears read only the members who owe: who pays where ({@link #PAYER}: active members
 * by relation branch), who paid what ({@link #PAID}: {@code <month>|<branch>|<fen>}, active members only) and from
 * which month a member owes ({@link #OWED}: {@code <branch>|<month>}, {@link MemberState#firstMonthOwed}, whatever
 * the membership's status, since an ended membership owes up to its end).
 */
final class DuesIndex {

    static final String PAYER = "duesPayer";
    static final String PAID = "duesPaid";
    static final String OWED = "duesOwed";
    /** What dues read of a member document: where and whether they pay, their standards and payments. */
    static final List<String> FIELDS = List.of("branchId", "status", "endedOn", "duesStandards", "duesPayments");

    private DuesIndex() {
    }

    /** A member document's dues values (none without a relation branch). */
    static Map<String, Set<String>> keys(Document member) {
        String branch = member.getString("branchId");
        if (branch == null) {
            return Map.of();
        }
        boolean active = MembershipStatus.ACTIVE.name().equals(member.getString("status"));
        if (!member.containsKey("duesStandards") && !member.containsKey("duesPayments")) {
            return active ? Map.of(PAYER, Set.of(branch)) : Map.of();
        }
        Document dues = new Document();
        FIELDS.forEach(field -> dues.put(field, member.get(field)));
        MemberState state = MemberDocuments.state(dues);
        Set<String> paid = new TreeSet<>();
        if (active) {
            state.duesPayments().forEach(p -> paid.add(p.period() + "|" + branch + "|" + p.amountFen()));
        }
        YearMonth owed = state.firstMonthOwed();
        return Map.of(PAYER, active ? Set.of(branch) : Set.of(), PAID, paid,
                OWED, owed == null ? Set.of() : Set.of(branch + "|" + owed));
    }

    /** Per relation branch (of {@code branches}, or every one when {@code null}), its active members. */
    static Optional<Map<String, Set<String>>> payers(MongoCollection<Document> keys, Collection<String> branches) {
        return branches == null ? KeyIndex.lookupStartingWith(keys, PAYER, List.of(""))
                : KeyIndex.lookupEach(keys, PAYER, branches);
    }

    /** {@code [branch, fen]} → the active members of that relation branch who paid {@code fen} for {@code month}. */
    static Optional<Map<List<String>, Set<String>>> paid(MongoCollection<Document> keys, YearMonth month,
                                                        Collection<String> branches) {
        List<String> prefixes = branches == null ? List.of(month + "|")
                : branches.stream().map(branch -> month + "|" + branch + "|").toList();
        return KeyIndex.lookupStartingWith(keys, PAID, prefixes).map(byValue -> {
            Map<List<String>, Set<String>> byBranch = new LinkedHashMap<>();
            byValue.forEach((value, members) -> {
                String[] parts = value.split("\\|");
                byBranch.put(List.of(parts[1], parts[2]), members);
            });
            return byBranch;
        });
    }

    /** The members of these relation branches (every one when {@code null}) who owe a month on or before {@code last}. */
    static Optional<Set<String>> owing(MongoCollection<Document> keys, YearMonth last, Collection<String> branches) {
        List<String> prefixes = branches == null ? List.of("") : branches.stream().map(branch -> branch + "|").toList();
        return KeyIndex.lookupStartingWith(keys, OWED, prefixes).map(byValue -> {
            Set<String> members = new TreeSet<>();
            byValue.forEach((value, holders) -> {
                if (!YearMonth.parse(value.substring(value.lastIndexOf('|') + 1)).isAfter(last)) {
                    members.addAll(holders);
                }
            });
            return members;
        });
    }

    /**
     * {@code [payers, paying]} of these relation branches: their active members, and of those who paid {@code
     * lastMonth} and owe nothing up to it ({@link DuesController#paying}).
     */
    static Optional<long[]> paying(MongoCollection<Document> keys, Collection<String> branches, YearMonth lastMonth) {
        Optional<Map<String, Set<String>>> payers = payers(keys, branches);
        Optional<Map<List<String>, Set<String>>> paid = paid(keys, lastMonth, branches);
        Optional<Set<String>> owing = owing(keys, lastMonth, branches);
        if (payers.isEmpty() || paid.isEmpty() || owing.isEmpty()) {
            return Optional.empty();
        }
        Set<String> all = new TreeSet<>();
        payers.get().values().forEach(all::addAll);
        Set<String> paying = new TreeSet<>();
        paid.get().values().forEach(paying::addAll);
        paying.retainAll(all);
        paying.removeAll(owing.get());
        return Optional.of(new long[] {all.size(), paying.size()});
    }
}
