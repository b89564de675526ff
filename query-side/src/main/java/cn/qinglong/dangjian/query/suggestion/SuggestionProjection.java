package cn.qinglong.dangjian.query.suggestion;

import cn.qinglong.dangjian.kernel.organization.OrganizationEvent;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionEvent;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionEvent.SuggestionAnswered;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionEvent.SuggestionDeliberated;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionEvent.SuggestionSubmitted;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionStatus;
import cn.qinglong.dangjian.query.projection.Bson;
import cn.qinglong.dangjian.query.projection.Envelope;
import cn.qinglong.dangjian.query.projection.MemberFoldProjection;
import cn.qinglong.dangjian.query.projection.OrganizationDocuments;
import cn.qinglong.dangjian.query.projection.ViewCollections;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * 建言献策: each suggestion from its own stream (where it stands, when it was answered or deliberated), the
 * organisations (names, subtrees) and the members (the names of those who submitted).
 */
@Component
class SuggestionProjection extends MemberFoldProjection {

    static final String NAME = "suggestions";
    static final String SUGGESTIONS = "suggestions";
    static final String ORGANIZATIONS = "organizations";

    SuggestionProjection() {
        super(NAME, SUGGESTIONS, ORGANIZATIONS);
    }

    @Override
    public void createIndexes(ViewCollections views) {
        views.get(SUGGESTIONS).createIndex(Indexes.ascending("organizationId", "status"));
        views.get(SUGGESTIONS).createIndex(Indexes.ascending("submittedOn", "_id"));
    }

    @Override
    protected Target otherTarget(Envelope event) {
        if (event.payload() instanceof SuggestionEvent e) {
            return new Target(SUGGESTIONS, e.suggestionId().value());
        }
        return event.payload() instanceof OrganizationEvent e ? new Target(ORGANIZATIONS, e.organizationId().value()) : null;
    }

    /** Settled once: the first answer or deliberation counts (the command side refuses a second). */
    @Override
    protected Document foldOther(String collection, Document current, Envelope event) {
        if (event.payload() instanceof OrganizationEvent e) {
            return OrganizationDocuments.fold(current, e);
        }
        Document d = Bson.copy(current);
        if (event.payload() instanceof SuggestionSubmitted e) {
            Bson.put(d, "organizationId", e.organizationId());
            Bson.put(d, "category", e.category());
            Bson.put(d, "text", e.text());
            Bson.put(d, "submittedOn", e.submittedOn());
            Bson.put(d, "memberId", e.memberId());
            Bson.put(d, "residentName", e.residentName());
            d.putIfAbsent("status", SuggestionStatus.OPEN.name());
        } else if (d.get("answeredOn") == null && d.get("councilOn") == null) {
            if (event.payload() instanceof SuggestionAnswered e) {
                Bson.put(d, "answer", e.answer());
                Bson.put(d, "answeredOn", e.answeredOn());
                d.put("status", SuggestionStatus.ANSWERED.name());
            } else if (event.payload() instanceof SuggestionDeliberated e) {
                Bson.put(d, "decision", e.decision());
                Bson.put(d, "councilOn", e.councilOn());
                d.put("status", SuggestionStatus.DELIBERATED.name());
            }
        }
        return d;
    }
}
