package cn.qinglong.dangjian.query.care;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;

import cn.qinglong.dangjian.kernel.member.MembershipStatus;
import cn.qinglong.dangjian.query.member.MemberReach;
import cn.qinglong.dangjian.query.projection.MemberFoldProjection;
import cn.qinglong.dangjian.query.projection.Generations;
import cn.qinglong.dangjian.query.web.ViewAnswers;
import cn.qinglong.dangjian.query.web.QueryParams;
import cn.qinglong.dangjian.query.web.ReadsView;
import cn.qinglong.dangjian.query.web.Today;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
record CareController(Generations runtime, Today today, ViewAnswers answers, MemberReach reach) {

    static final int CARE_AGE = 80;

    record Item(String memberId, String name, Integer age, String branchId, String dailyBranchId,
                List<String> needs, boolean aged80Plus, LocalDate lastVisitOn, String lastVisitKind,
                Long daysSinceLastVisit) {
    }

    record Answer(int days, List<Item> items, int page, int size, long total) {
    }

    /**
     * The care rule: a member with any recorded care need, or aged 80 or more, is overdue when never visited or
     * last visited more than {@code days} days ago. Never-visited first, then the longest since a visit. A branch
     * secretary or group leader lists and counts only the members in their reach.
     */
    @GetMapping("/api/care/overdue")
    @ReadsView(CareProjection.NAME)
    Answer overdue(@RequestParam(required = false) String days, @RequestParam(required = false) String page,
                   @RequestParam(required = false) String size) {
        int window = days == null ? 90 : QueryParams.intInRange("days", days, 1, 3650);
        QueryParams.Paging paging = QueryParams.paging(page, size);
        LocalDate date = today.date();
        return answers.answer(CareProjection.NAME, () -> overdue(window, paging, date), "overdue", window, paging, date);
    }

    private Answer overdue(int window, QueryParams.Paging paging, LocalDate date) {
        // Filtered, sorted and paged by the store, so a page costs one page of documents however many members
        // there are. Dates are ISO strings, whose order is their chronological order.
        Bson overdue = reach.narrow(and(eq("status", MembershipStatus.ACTIVE.name()),
                or(exists("needs.0", true), lte("birthDate", date.minusYears(CARE_AGE).toString())),
                or(eq("lastVisitOn", null), lt("lastVisitOn", date.minusDays(window).toString()))));
        var members = runtime.views(CareProjection.NAME).get(MemberFoldProjection.MEMBERS);
        List<Item> items = new ArrayList<>();
        members.find(overdue).sort(Sorts.ascending("lastVisitOn", "_id")).skip(paging.skip()).limit(paging.size())
                .forEach(d -> items.add(item(d, date)));
        return new Answer(window, items, paging.page(), paging.size(), members.countDocuments(overdue));
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
