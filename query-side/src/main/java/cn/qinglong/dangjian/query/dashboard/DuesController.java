package cn.qinglong.dangjian.query.dashboard;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import cn.qinglong.dangjian.kernel.member.MemberState;
import cn.qinglong.dangjian.kernel.member.MembershipStatus;
import cn.qinglong.dangjian.query.member.MemberReach;
import cn.qinglong.dangjian.query.organization.OrganizationTree;
import cn.qinglong.dangjian.query.projection.MemberDocuments;
import cn.qinglong.dangjian.query.projection.MemberFoldProjection;
import cn.qinglong.dangjian.query.projection.Generations;
import cn.qinglong.dangjian.query.projection.KeyIndex;
import cn.qinglong.dangjian.query.projection.ViewCollections;
import cn.qinglong.dangjian.security.problem.InvalidInput;
import cn.qinglong.dangjian.security.problem.NotFound;
import cn.qinglong.dangjian.query.web.QueryParams;
import cn.qinglong.dangjian.query.web.ReadsView;
import cn.qinglong.dangjian.query.web.Today;
import cn.qinglong.dangjian.query.web.ViewAnswers;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dues as the branch holding the organisational relation collects them: who owes which months ({@link
 * MemberState#arrearsThrough}, the months since the standard's first month that were not paid, each priced by the
 * standard in force), and per relation branch and month how many paid. Members count under their relation
 * branch, not where they are managed day to day. For the committee and auditors both come from the view's {@link
 * DuesIndex} entries (collection counted from them, arrears reading only the members they name as owing); for a
 * scoped caller, and a generation built before those entries, from the members.
 */
@RestController
class DuesController {

    private final Generations runtime;
    private final Today today;
    private final MemberReach reach;
    private final ViewAnswers answers;

    /**
     * What {@link MemberState#arrearsThrough} and {@link MemberState#paid} read, and who the member is, where they pay
     * and whether they still are a member: a member document holds the whole state, this is a small part of it.
     */
    private static final Bson DUES = Projections.fields(Projections.include(DuesIndex.FIELDS),
            Projections.include("memberId", "name"));

    DuesController(Generations runtime, Today today, MemberReach reach, ViewAnswers answers) {
        this.runtime = runtime;
        this.today = today;
        this.reach = reach;
        this.answers = answers;
    }

    record ArrearsItem(String memberId, String name, String branchId, List<String> months, long owedFen) {
    }

    record ArrearsList(String organizationId, String through, List<ArrearsItem> items) {
    }

    record CollectionRow(String branchId, long payers, long paid, BigDecimal rate, long amountFen) {
    }

    /** The "paying dues" difficulty: nothing owed up to last month, and last month paid. */
    static boolean paying(MemberState member, YearMonth lastMonth) {
        return member.paid(lastMonth) && member.arrearsThrough(lastMonth).isEmpty();
    }

    @GetMapping("/api/dues/arrears")
    @ReadsView(DashboardProjection.NAME)
    ArrearsList arrears(@RequestParam(required = false) String organizationId,
                        @RequestParam(required = false) String through) {
        String organization = QueryParams.id("organizationId", organizationId);
        YearMonth last = month("through", through);
        return answers.answer(DashboardProjection.NAME, () -> arrears(organization, last), "dues arrears",
                organization, last);
    }

    private ArrearsList arrears(String organization, YearMonth last) {
        List<ArrearsItem> items = new ArrayList<>();
        ViewCollections views = runtime.views(DashboardProjection.NAME);
        Set<String> scope = scope(views, organization);
        Optional<Set<String>> owing = reach.subdistrictWide()
                ? DuesIndex.owing(views.get(KeyIndex.COLLECTION), last, scope) : Optional.empty();
        Stream<MemberState> members = owing.isPresent() && owing.get().size() <= KeyIndex.MAX_KEYS_BY_ID
                ? states(views.get(MemberFoldProjection.MEMBERS).find(in("_id", owing.get())))
                        .filter(member -> inScope(member, scope, false))
                : members(views, scope, false);
        members.forEach(member -> {
            List<MemberState.Arrear> owed = member.arrearsThrough(last);
            if (!owed.isEmpty()) {
                items.add(new ArrearsItem(member.memberId().value(), member.name(), member.branchId().value(),
                        owed.stream().map(a -> a.period().toString()).toList(),
                        owed.stream().mapToLong(MemberState.Arrear::amountFen).sum()));
            }
        });
        items.sort(java.util.Comparator.comparing(ArrearsItem::branchId).thenComparing(ArrearsItem::memberId));
        return new ArrearsList(organization, last.toString(), items);
    }

    @GetMapping("/api/dues/collection")
    @ReadsView(DashboardProjection.NAME)
    List<CollectionRow> collection(@RequestParam(required = false) String organizationId,
                                   @RequestParam(required = false) String period) {
        String organization = QueryParams.id("organizationId", organizationId);
        YearMonth month = month("period", period);
        return answers.answer(DashboardProjection.NAME, () -> collection(organization, month), "dues collection",
                organization, month);
    }

    /** One entry per branch, and per branch and amount paid; or every member of the scope. */
    private List<CollectionRow> collection(String organization, YearMonth month) {
        ViewCollections views = runtime.views(DashboardProjection.NAME);
        Set<String> scope = scope(views, organization);
        Map<String, long[]> rows = new TreeMap<>();
        if (reach.subdistrictWide() && counted(views.get(KeyIndex.COLLECTION), scope, month, rows)) {
            return rows(rows);
        }
        rows.clear();
        members(views, scope, true).forEach(member -> {
            long[] row = rows.computeIfAbsent(member.branchId().value(), k -> new long[3]);
            row[0]++;
            member.duesPayments().stream().filter(p -> p.period().equals(month)).findFirst().ifPresent(p -> {
                row[1]++;
                row[2] += p.amountFen();
            });
        });
        return rows(rows);
    }

    /** Fills {@code rows} ({@code [payers, paid, fen]} by branch) from the index; false when it is not complete. */
    private static boolean counted(MongoCollection<Document> keys, Set<String> scope, YearMonth month,
                                   Map<String, long[]> rows) {
        Optional<Map<String, Set<String>>> payers = DuesIndex.payers(keys, scope);
        Optional<Map<List<String>, Set<String>>> paid = DuesIndex.paid(keys, month, scope);
        if (payers.isEmpty() || paid.isEmpty()) {
            return false;
        }
        payers.get().forEach((branch, members) -> {
            if (!members.isEmpty()) {
                rows.put(branch, new long[] {members.size(), 0, 0});
            }
        });
        paid.get().forEach((branchAndFen, members) -> {
            long[] row = rows.get(branchAndFen.get(0));
            if (row != null) {
                row[1] += members.size();
                row[2] += members.size() * Long.parseLong(branchAndFen.get(1));
            }
        });
        return true;
    }

    private static List<CollectionRow> rows(Map<String, long[]> rows) {
        return rows.entrySet().stream().map(e -> new CollectionRow(e.getKey(), e.getValue()[0], e.getValue()[1],
                e.getValue()[0] == 0 ? null : BigDecimal.valueOf(e.getValue()[1])
                        .divide(BigDecimal.valueOf(e.getValue()[0]), 4, RoundingMode.HALF_UP), e.getValue()[2]))
                .toList();
    }

    /**
     * The relation branches of the organisation and below it; {@code null} (every one) without an organisation.
     * Unknown, or outside a scoped caller's reach: not found.
     */
    private Set<String> scope(ViewCollections views, String organization) {
        if (organization == null) {
            return null;
        }
        OrganizationTree tree = OrganizationTree.read(views.get(DashboardProjection.ORGANIZATIONS));
        if (!tree.contains(organization) || !reach.reachesOrganization(organization)) {
            throw new NotFound("organization", organization);
        }
        return new TreeSet<>(tree.subtree(organization));
    }

    /**
     * The members whose relation branch is in {@code scope} (all without one), in the caller's reach, each decoded
     * from {@link #DUES} only. An organisation's come through the relation-branch key index ({@link
     * MemberReach#byKey}), checked one by one since the index may name a few that have left.
     */
    private Stream<MemberState> members(ViewCollections views, Set<String> scope, boolean activeOnly) {
        Bson active = eq("status", MembershipStatus.ACTIVE.name());
        if (scope == null) {
            return states(views.get(MemberFoldProjection.MEMBERS)
                    .find(reach.narrow(activeOnly ? active : new Document())));
        }
        Bson query = activeOnly ? and(active, in("branchId", scope)) : in("branchId", scope);
        return states(reach.byKey(views, DashboardProjection.RELATION_BRANCH_INDEX, scope, query))
                .filter(member -> inScope(member, scope, activeOnly));
    }

    /** Whether a member read by key still pays in the scope (every relation branch when {@code null}). */
    private static boolean inScope(MemberState member, Set<String> scope, boolean activeOnly) {
        return member.branchId() != null && (scope == null || scope.contains(member.branchId().value()))
                && (!activeOnly || member.status() == MembershipStatus.ACTIVE);
    }

    private static Stream<MemberState> states(FindIterable<Document> found) {
        return StreamSupport.stream(found.projection(DUES).map(MemberDocuments::state).spliterator(), false);
    }

    /** A month such as 2026-11; by default last month. */
    private YearMonth month(String name, String value) {
        if (value == null || value.isBlank()) {
            return YearMonth.from(today.date()).minusMonths(1);
        }
        try {
            return YearMonth.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInput(name, "must be a month such as 2026-11");
        }
    }
}
