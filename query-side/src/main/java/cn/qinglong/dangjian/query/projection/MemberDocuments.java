package cn.qinglong.dangjian.query.projection;

import cn.qinglong.dangjian.kernel.member.MemberState;
import cn.qinglong.dangjian.kernel.member.MemberState.DailyBranch;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bson.Document;

/**
 * {@link MemberState} as a document and back. Views keep the whole state of each member they follow and fold the
 * next event with {@link MemberState#apply}, so there is exactly one interpretation of a member's events.
 */
public final class MemberDocuments {

    /** The member's dated daily-management branches: {@code [{from, branchId?}]}. */
    public static final String DAILY_HISTORY = "dailyHistory";
    /** The {@link KeyIndex} of the branches a member's daily-branch history names, so a branch finds its members. */
    public static final String DAILY_BRANCH_INDEX = "dailyBranch";

    private MemberDocuments() {
    }

    /** The dated history as kept in a member document, for {@link MemberState#dailyBranchOn(List, LocalDate)}. */
    public static List<DailyBranch> dailyHistory(Document d) {
        return d.getList(DAILY_HISTORY, Document.class, List.of()).stream()
                .map(e -> Bson.record(e, DailyBranch.class))
                .toList();
    }

    /** A member document's {@link #DAILY_BRANCH_INDEX} values, for a view's {@link FoldingProjection#keys}. */
    public static Map<String, Set<String>> dailyBranchKeys(Document member) {
        Set<String> branches = new TreeSet<>();
        for (Document entry : member.getList(DAILY_HISTORY, Document.class, List.of())) {
            if (entry.getString("branchId") != null) {
                branches.add(entry.getString("branchId"));
            }
        }
        return Map.of(DAILY_BRANCH_INDEX, branches);
    }

    /** Every component of the state (see {@link Bson}), and the daily-management branch the views query by. */
    public static Document document(MemberState s) {
        return document(s, null, null);
    }

    /** As {@link #document(MemberState)}, re-encoding only what changed since {@code previous} (kept as {@code previousDocument}). */
    static Document document(MemberState s, MemberState previous, Document previousDocument) {
        Document d = Bson.document(s, previous, previousDocument);
        Bson.put(d, "dailyBranchId", s.dailyBranchId());
        return d;
    }

    public static MemberState state(Document d) {
        return Bson.record(d, MemberState.class);
    }
}
