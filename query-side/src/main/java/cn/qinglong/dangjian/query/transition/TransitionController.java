package cn.qinglong.dangjian.query.transition;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import cn.qinglong.dangjian.kernel.member.MembershipStatus;
import cn.qinglong.dangjian.kernel.member.ResidenceStatus;
import cn.qinglong.dangjian.query.projection.MemberFoldProjection;
import cn.qinglong.dangjian.query.projection.ProjectionRuntime;
import cn.qinglong.dangjian.query.projection.ViewAnswers;
import cn.qinglong.dangjian.query.web.QueryParams;
import cn.qinglong.dangjian.query.web.ReadsView;
import cn.qinglong.dangjian.query.web.Today;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class TransitionController {

    /** {@code ?groupId=none} asks for the members in no transition group. */
    static final String NO_GROUP = "none";

    private final ProjectionRuntime runtime;
    private final Today today;
    private final ViewAnswers answers;

    TransitionController(ProjectionRuntime runtime, Today today, ViewAnswers answers) {
        this.runtime = runtime;
        this.today = today;
        this.answers = answers;
    }

    record Item(String memberId, String name, Integer age, String branchId, String areaId, String groupId,
                String transitionAddress, LocalDate relocatedOn, Long daysWaiting) {
    }

    record Summary(long total, long inNoGroup, long aged60Plus, Integer oldestAge, Map<String, Integer> byArea,
                   Map<String, Integer> byGroup) {
    }

    record Answer(List<Item> items, int page, int size, long total, Summary summary) {
    }

    /** Longest waiting first. Areas and groups missing from a member count under "none". */
    @GetMapping("/api/transition")
    @ReadsView(TransitionProjection.NAME)
    Answer transition(@RequestParam(required = false) String areaId, @RequestParam(required = false) String groupId,
                      @RequestParam(required = false) String page, @RequestParam(required = false) String size) {
        String area = QueryParams.id("areaId", areaId);
        String group = NO_GROUP.equals(groupId) ? NO_GROUP : QueryParams.id("groupId", groupId);
        QueryParams.Paging paging = QueryParams.paging(page, size);
        LocalDate date = today.date();
        return answers.answer(TransitionProjection.NAME, () -> transition(area, group, paging, date), "transition",
                area, group, paging, date);
    }

    private Answer transition(String area, String group, QueryParams.Paging paging, LocalDate date) {
        List<Bson> filters = new ArrayList<>(List.of(eq("residence.status", ResidenceStatus.TRANSITION.name()),
                eq("status", MembershipStatus.ACTIVE.name())));
        if (area != null) {
            filters.add(eq("areaId", area));
        }
        List<Item> all = new ArrayList<>();
        runtime.views(TransitionProjection.NAME).get(MemberFoldProjection.MEMBERS).find(and(filters)).forEach(d -> {
            String memberGroup = d.getString("groupId");
            if (group != null && !(NO_GROUP.equals(group) ? memberGroup == null : group.equals(memberGroup))) {
                return;
            }
            String birth = d.getString("birthDate");
            String relocated = d.getString("relocatedOn");
            LocalDate relocatedOn = relocated == null ? null : LocalDate.parse(relocated);
            Document residence = d.get("residence", new Document());
            all.add(new Item(d.getString("_id"), d.getString("name"),
                    birth == null ? null : Period.between(LocalDate.parse(birth), date).getYears(),
                    d.getString("branchId"), d.getString("areaId"), memberGroup, residence.getString("address"),
                    relocatedOn, relocatedOn == null ? null : ChronoUnit.DAYS.between(relocatedOn, date)));
        });
        all.sort(Comparator.comparing((Item i) -> i.daysWaiting() == null ? -1 : i.daysWaiting()).reversed()
                .thenComparing(Item::memberId));
        Map<String, Integer> byArea = new TreeMap<>();
        Map<String, Integer> byGroup = new TreeMap<>();
        all.forEach(i -> {
            byArea.merge(i.areaId() == null ? NO_GROUP : i.areaId(), 1, Integer::sum);
            byGroup.merge(i.groupId() == null ? NO_GROUP : i.groupId(), 1, Integer::sum);
        });
        Summary summary = new Summary(all.size(), all.stream().filter(i -> i.groupId() == null).count(),
                all.stream().filter(i -> i.age() != null && i.age() >= 60).count(),
                all.stream().map(Item::age).filter(a -> a != null).max(Integer::compare).orElse(null), byArea, byGroup);
        return new Answer(all.stream().skip(paging.skip()).limit(paging.size()).toList(), paging.page(),
                paging.size(), all.size(), summary);
    }
}
