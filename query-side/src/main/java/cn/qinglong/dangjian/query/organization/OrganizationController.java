package cn.qinglong.dangjian.query.organization;

import static com.mongodb.client.model.Filters.eq;

import cn.qinglong.dangjian.kernel.member.MembershipStatus;
import cn.qinglong.dangjian.query.projection.MemberFoldProjection;
import cn.qinglong.dangjian.query.projection.Generations;
import cn.qinglong.dangjian.query.web.ViewAnswers;
import cn.qinglong.dangjian.query.projection.ViewCollections;
import cn.qinglong.dangjian.security.problem.InvalidInput;
import cn.qinglong.dangjian.query.web.ReadsView;
import cn.qinglong.dangjian.query.web.Today;
import com.mongodb.client.model.Projections;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/organizations")
record OrganizationController(Generations runtime, Today today, ViewAnswers answers) {

    /**
     * One pyramid per base. By relation (the default), a node's {@code members} are the active members whose
     * organisational relation is with it or an organisation below it; by residence ({@code ?by=residence}), those
     * whose daily life it runs (a dual-managed resident counts in the resettlement community, not the village). A
     * group counts the members placed in it (transition, building or area group) whose branch on that base is the
     * group's parent or lies below it. A node's children of one kind never add up to more than the node; its areas
     * and its transition groups are separate cuts of the same members, so together they may. {@code managed} counts, on the basis
     * the eight difficulties use, the active members whose daily-management branch is the node or below it.
     * By residence, a building group lists its central households (党员中心户): the bottom of the pyramid.
     */
    record Node(String id, String name, String level, String setting, String groupKind, LocalDate dissolvedOn,
                long members, long aged60Plus, long managed, List<Node> children,
                List<CentralHousehold> centralHouseholds) {
    }

    /** An active member's household serving {@code households} households of the building group since a date. */
    record CentralHousehold(String memberId, String name, int households, LocalDate designatedOn) {
    }

    record Tree(LocalDate asOf, String by, long members, long aged60Plus, List<Node> roots) {
    }

    @GetMapping("/tree")
    @ReadsView(OrganizationProjection.NAME)
    Tree tree(@RequestParam(required = false) String by) {
        String base = by == null || by.isBlank() ? "relation" : by;
        if (!List.of("relation", "residence").contains(base)) {
            throw new InvalidInput("by", "must be one of [relation, residence]");
        }
        LocalDate date = today.date();
        return answers.answer(OrganizationProjection.NAME, () -> tree(date, base), "tree", date, base);
    }

    private Tree tree(LocalDate date, String base) {
        String branchField = "residence".equals(base) ? "dailyBranchId" : "branchId";
        ViewCollections views = runtime.views(OrganizationProjection.NAME);
        OrganizationTree tree = OrganizationTree.read(views.get(OrganizationProjection.ORGANIZATIONS));
        String sixty = date.minusYears(60).toString();
        Map<String, long[]> counts = new HashMap<>();
        long[] total = new long[2];
        Map<String, List<CentralHousehold>> centrals = new HashMap<>();
        views.get(MemberFoldProjection.MEMBERS).find(eq("status", MembershipStatus.ACTIVE.name()))
                .projection(Projections.include("branchId", "dailyBranchId", "groupId", "buildingGroupId", "areaId",
                        "birthDate", "name", OrganizationProjection.CENTRAL_HOUSEHOLD))
                .forEach(member -> {
                    Document central = member.get(OrganizationProjection.CENTRAL_HOUSEHOLD, Document.class);
                    if (central != null && "residence".equals(base)) {
                        centrals.computeIfAbsent(central.getString("buildingGroupId"), g -> new ArrayList<>())
                                .add(new CentralHousehold(member.getString("_id"), member.getString("name"),
                                        central.getInteger("households"),
                                        LocalDate.parse(central.getString("designatedOn"))));
                    }
                    String birthDate = member.getString("birthDate");
                    boolean senior = birthDate != null && birthDate.compareTo(sixty) <= 0;
                    total[0]++;
                    total[1] += senior ? 1 : 0;
                    String branch = member.getString(branchField);
                    List<String> path = tree.pathToRoot(branch);
                    List<String> places = new ArrayList<>(path);
                    for (String group : new String[] {"groupId", "buildingGroupId", "areaId"}) {
                        String id = member.getString(group);
                        if (id != null && !places.contains(id) && tree.contains(id) && branch != null
                                && path.contains(tree.get(id).getString("parentId"))) {
                            places.add(id);
                        }
                    }
                    for (String place : places) {
                        long[] count = counts.computeIfAbsent(place, p -> new long[3]);
                        count[0]++;
                        count[1] += senior ? 1 : 0;
                    }
                    String daily = member.getString("dailyBranchId");
                    for (String place : tree.pathToRoot(daily != null ? daily : member.getString("branchId"))) {
                        counts.computeIfAbsent(place, p -> new long[3])[2]++;
                    }
                });
        centrals.values().forEach(list -> list.sort(java.util.Comparator.comparing(CentralHousehold::designatedOn)
                .thenComparing(CentralHousehold::memberId)));
        List<Node> roots = tree.roots().stream().map(id -> node(tree, id, counts, centrals, base)).toList();
        return new Tree(date, base, total[0], total[1], roots);
    }

    private static Node node(OrganizationTree tree, String id, Map<String, long[]> counts,
                             Map<String, List<CentralHousehold>> centrals, String base) {
        Document d = tree.get(id);
        long[] count = counts.getOrDefault(id, new long[3]);
        String dissolvedOn = d.getString("dissolvedOn");
        return new Node(id, d.getString("name"), d.getString("level"), d.getString("setting"),
                d.getString("groupKind"), dissolvedOn == null ? null : LocalDate.parse(dissolvedOn), count[0], count[1],
                count[2], tree.children(id).stream().map(child -> node(tree, child, counts, centrals, base)).toList(),
                "residence".equals(base) && "BUILDING".equals(d.getString("groupKind"))
                        ? List.copyOf(centrals.getOrDefault(id, List.of())) : null);
    }
}
