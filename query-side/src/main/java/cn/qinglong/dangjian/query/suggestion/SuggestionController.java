package cn.qinglong.dangjian.query.suggestion;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.ne;

import cn.qinglong.dangjian.kernel.suggestion.SuggestionCategory;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionStatus;
import cn.qinglong.dangjian.query.organization.OrganizationTree;
import cn.qinglong.dangjian.query.projection.Generations;
import cn.qinglong.dangjian.query.projection.MemberFoldProjection;
import cn.qinglong.dangjian.query.projection.ViewCollections;
import cn.qinglong.dangjian.query.web.QueryParams;
import cn.qinglong.dangjian.query.web.ReadsView;
import cn.qinglong.dangjian.query.web.Today;
import cn.qinglong.dangjian.query.web.ViewAnswers;
import cn.qinglong.dangjian.security.problem.NotFound;
import com.mongodb.client.model.Sorts;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 建言献策: the suggestions with how long each waits or waited, and per organisation and category how they stand. */
@RestController
record SuggestionController(Generations runtime, ViewAnswers answers, Today today) {

    /** An answer (or the council's decision) within this many days of submission counts as timely. */
    static final int ANSWER_WITHIN_DAYS = 15;

    /**
     * {@code daysOpen}: for an open suggestion the days it has waited until today (Beijing), for a settled one the
     * days it waited until its answer or deliberation. {@code submittedBy}: the member's name, or the resident's.
     */
    record Item(String suggestionId, String organizationId, String organizationName, String category,
                String categoryLabel, String status, String statusLabel, LocalDate submittedOn, long daysOpen,
                LocalDate answeredOn, LocalDate councilOn, String submittedBy, String memberId, String text,
                String answer, String decision) {
    }

    record Items(List<Item> items, int page, int size, long total) {
    }

    /** {@code answeredWithin}: settled within {@value #ANSWER_WITHIN_DAYS} days; {@code due}: settled, or open longer. */
    record OrganizationRow(String organizationId, String name, long total, long open, long answered,
                           long deliberated, long answeredWithin, long due, BigDecimal rate, long longestOpenDays) {
    }

    record CategoryRow(String category, String label, long total, long open) {
    }

    record Summary(int withinDays, long total, long open, long answered, long deliberated,
                   List<OrganizationRow> organizations, List<CategoryRow> categories) {
    }

    /**
     * The suggestions to an organisation or any below it, longest waiting first; {@code status} and
     * {@code category} narrow them.
     */
    @GetMapping("/api/suggestions")
    @ReadsView(SuggestionProjection.NAME)
    Items suggestions(@RequestParam(required = false) String organizationId, @RequestParam(required = false) String status,
                      @RequestParam(required = false) String category, @RequestParam(required = false) String page,
                      @RequestParam(required = false) String size) {
        String organization = QueryParams.id("organizationId", organizationId);
        SuggestionStatus wanted = status == null || status.isBlank() ? null
                : QueryParams.enumValue("status", status, SuggestionStatus.class);
        SuggestionCategory kind = category == null || category.isBlank() ? null
                : QueryParams.enumValue("category", category, SuggestionCategory.class);
        QueryParams.Paging paging = QueryParams.paging(page, size);
        LocalDate date = today.date();
        return answers.answer(SuggestionProjection.NAME, () -> suggestions(organization, wanted, kind, paging, date),
                "suggestions", organization, wanted, kind, paging, date);
    }

    private Items suggestions(String organization, SuggestionStatus status, SuggestionCategory category,
                              QueryParams.Paging paging, LocalDate date) {
        ViewCollections views = runtime.views(SuggestionProjection.NAME);
        OrganizationTree tree = OrganizationTree.read(views.get(SuggestionProjection.ORGANIZATIONS));
        List<Bson> filters = filters(tree, organization);
        if (status != null) {
            filters.add(eq("status", status.name()));
        }
        if (category != null) {
            filters.add(eq("category", category.name()));
        }
        var collection = views.get(SuggestionProjection.SUGGESTIONS);
        long total = collection.countDocuments(and(filters));
        List<Document> page = collection.find(and(filters)).sort(Sorts.ascending("submittedOn", "_id"))
                .skip(paging.skip()).limit(paging.size()).into(new ArrayList<>());
        Map<String, String> names = memberNames(views, page);
        List<Item> items = new ArrayList<>();
        for (Document d : page) {
            SuggestionCategory c = SuggestionCategory.valueOf(d.getString("category"));
            SuggestionStatus s = SuggestionStatus.valueOf(d.getString("status"));
            String memberId = d.getString("memberId");
            items.add(new Item(d.getString("_id"), d.getString("organizationId"), name(tree, d.getString("organizationId")),
                    c.name(), c.label(), s.name(), s.label(), date(d, "submittedOn"), daysOpen(d, date),
                    date(d, "answeredOn"), date(d, "councilOn"),
                    memberId != null ? names.getOrDefault(memberId, memberId) : d.getString("residentName"), memberId,
                    d.getString("text"), d.getString("answer"), d.getString("decision")));
        }
        return new Items(items, paging.page(), paging.size(), total);
    }

    /** Per organisation (with anything below it counted where it was submitted) and per category. */
    @GetMapping("/api/suggestions/summary")
    @ReadsView(SuggestionProjection.NAME)
    Summary summary(@RequestParam(required = false) String organizationId) {
        String organization = QueryParams.id("organizationId", organizationId);
        LocalDate date = today.date();
        return answers.answer(SuggestionProjection.NAME, () -> summary(organization, date), "summary", organization, date);
    }

    private Summary summary(String organization, LocalDate date) {
        ViewCollections views = runtime.views(SuggestionProjection.NAME);
        OrganizationTree tree = OrganizationTree.read(views.get(SuggestionProjection.ORGANIZATIONS));
        Map<String, long[]> byOrganization = new TreeMap<>();
        Map<SuggestionCategory, long[]> byCategory = new EnumMap<>(SuggestionCategory.class);
        for (SuggestionCategory c : SuggestionCategory.values()) {
            byCategory.put(c, new long[2]);
        }
        long[] all = new long[4];
        for (Document d : views.get(SuggestionProjection.SUGGESTIONS).find(and(filters(tree, organization)))) {
            SuggestionStatus status = SuggestionStatus.valueOf(d.getString("status"));
            long days = daysOpen(d, date);
            long[] row = byOrganization.computeIfAbsent(d.getString("organizationId"), k -> new long[7]);
            row[0]++;
            row[1 + status.ordinal()]++;
            if (status != SuggestionStatus.OPEN && days <= ANSWER_WITHIN_DAYS) {
                row[4]++;
            }
            if (status != SuggestionStatus.OPEN || days > ANSWER_WITHIN_DAYS) {
                row[5]++;
            }
            if (status == SuggestionStatus.OPEN) {
                row[6] = Math.max(row[6], days);
            }
            long[] category = byCategory.get(SuggestionCategory.valueOf(d.getString("category")));
            category[0]++;
            category[1] += status == SuggestionStatus.OPEN ? 1 : 0;
            all[0]++;
            all[1 + status.ordinal()]++;
        }
        List<OrganizationRow> organizations = new ArrayList<>();
        byOrganization.forEach((id, r) -> organizations.add(new OrganizationRow(id, name(tree, id), r[0], r[1], r[2],
                r[3], r[4], r[5], rate(r[4], r[5]), r[6])));
        List<CategoryRow> categories = new ArrayList<>();
        byCategory.forEach((c, r) -> categories.add(new CategoryRow(c.name(), c.label(), r[0], r[1])));
        return new Summary(ANSWER_WITHIN_DAYS, all[0], all[1], all[2], all[3], organizations, categories);
    }

    /** Submitted suggestions (not a stray answer) to the organisation or below it; 404 for an unknown one. */
    private static List<Bson> filters(OrganizationTree tree, String organization) {
        List<Bson> filters = new ArrayList<>();
        filters.add(ne("submittedOn", null));
        if (organization != null) {
            if (!tree.contains(organization)) {
                throw new NotFound("organization", organization);
            }
            Set<String> subtree = tree.subtree(organization);
            filters.add(in("organizationId", subtree));
        }
        return filters;
    }

    private static long daysOpen(Document d, LocalDate date) {
        LocalDate submitted = LocalDate.parse(d.getString("submittedOn"));
        LocalDate settled = date(d, "answeredOn") != null ? date(d, "answeredOn") : date(d, "councilOn");
        return Math.max(0, ChronoUnit.DAYS.between(submitted, settled != null ? settled : date));
    }

    private static Map<String, String> memberNames(ViewCollections views, List<Document> suggestions) {
        List<String> ids = suggestions.stream().map(d -> d.getString("memberId")).filter(java.util.Objects::nonNull)
                .distinct().toList();
        Map<String, String> names = new HashMap<>();
        if (!ids.isEmpty()) {
            views.get(MemberFoldProjection.MEMBERS).find(in("_id", ids))
                    .forEach(m -> names.put(m.getString("_id"), m.getString("name")));
        }
        return names;
    }

    private static LocalDate date(Document d, String field) {
        String value = d.getString(field);
        return value == null ? null : LocalDate.parse(value);
    }

    private static String name(OrganizationTree tree, String id) {
        Document organization = id == null ? null : tree.get(id);
        return organization != null && organization.getString("name") != null ? organization.getString("name") : id;
    }

    private static BigDecimal rate(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }
}
