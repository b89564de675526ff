package cn.qinglong.dangjian.query.care;

import static com.mongodb.client.model.Filters.eq;

import cn.qinglong.dangjian.kernel.member.MembershipStatus;
import cn.qinglong.dangjian.query.projection.MemberFoldProjection;
import cn.qinglong.dangjian.query.projection.ProjectionRuntime;
import cn.qinglong.dangjian.query.web.QueryParams;
import cn.qinglong.dangjian.query.web.ReadsView;
import cn.qinglong.dangjian.query.web.Today;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bson.Document;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class CareController {

    static final int CARE_AGE = 80;

    private final ProjectionRuntime runtime;
    private final Today today;

    CareController(ProjectionRuntime runtime, Today today) {
        this.runtime = runtime;
        this.today = today;
    }

    record Item(String memberId, String name, Integer age, String branchId, String dailyBranchId,
                List<String> needs, boolean aged80Plus, LocalDate lastVisitOn, String lastVisitKind,
                Long daysSinceLastVisit) {
    }

    record Answer(int days, List<Item> items, int page, int size, long total) {
    }

    /**
     * The care rule: a member with any recorded care need, or aged 80 or more, is overdue when never visited or
     * last visited more than {@code days} days ago. Never-visited first, then the longest since a visit.
     */
    @GetMapping("/api/care/overdue")
    @ReadsView(CareProjection.NAME)
    Answer overdue(@RequestParam(required = false) String days, @RequestParam(required = false) String page,
                   @RequestParam(required = false) String size) {
        int window = days == null ? 90 : QueryParams.intInRange("days", days, 1, 3650);
        QueryParams.Paging paging = QueryParams.paging(page, size);
        LocalDate date = today.date();
        List<Item> all = new ArrayList<>();
        runtime.views(CareProjection.NAME).get(MemberFoldProjection.MEMBERS)
                .find(eq("status", MembershipStatus.ACTIVE.name())).forEach(d -> {
                    Item item = item(d, date);
                    boolean needsCare = !item.needs().isEmpty() || item.aged80Plus();
                    boolean overdue = item.daysSinceLastVisit() == null || item.daysSinceLastVisit() > window;
                    if (needsCare && overdue) {
                        all.add(item);
                    }
                });
        all.sort(Comparator.comparing((Item i) -> i.daysSinceLastVisit() == null ? Long.MAX_VALUE : i.daysSinceLastVisit())
                .reversed().thenComparing(Item::memberId));
        return new Answer(window, all.stream().skip(paging.skip()).limit(paging.size()).toList(), paging.page(),
                paging.size(), all.size());
    }

    private static Item item(Document d, LocalDate date) {
        String birth = d.getString("birthDate");
        Integer age = birth == null ? null : Period.between(LocalDate.parse(birth), date).getYears();
        String visited = d.getString("lastVisitOn");
        LocalDate lastVisitOn = visited == null ? null : LocalDate.parse(visited);
        return new Item(d.getString("_id"), d.getString("name"), age, d.getString("branchId"),
                d.getString("dailyBranchId"), d.getList("needs", String.class, List.of()),
                age != null && age >= CARE_AGE, lastVisitOn, d.getString("lastVisitKind"),
                lastVisitOn == null ? null : ChronoUnit.DAYS.between(lastVisitOn, date));
    }
}
