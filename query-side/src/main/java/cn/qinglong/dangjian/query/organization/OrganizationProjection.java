package cn.qinglong.dangjian.query.organization;

import cn.qinglong.dangjian.kernel.member.MemberEvent;
import cn.qinglong.dangjian.kernel.member.MemberEvent.CentralHouseholdDesignated;
import cn.qinglong.dangjian.kernel.member.MemberState;
import cn.qinglong.dangjian.kernel.organization.OrganizationEvent;
import cn.qinglong.dangjian.query.projection.Envelope;
import cn.qinglong.dangjian.query.projection.MemberFoldProjection;
import cn.qinglong.dangjian.query.projection.OrganizationDocuments;
import cn.qinglong.dangjian.query.projection.ViewCollections;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The organization tree and, per member, where they count in it, and the building group their household serves as
 * a central household (党员中心户), if it does.
 */
@Component
class OrganizationProjection extends MemberFoldProjection {

    static final String NAME = "organization";
    static final String ORGANIZATIONS = "organizations";
    static final String CENTRAL_HOUSEHOLD = "centralHousehold";

    OrganizationProjection() {
        super(NAME, ORGANIZATIONS);
    }

    /** The tree counts active members. */
    @Override
    public void createIndexes(ViewCollections views) {
        views.get(MEMBERS).createIndex(Indexes.ascending("status"));
    }

    /** The first designation stands (the command side refuses another). */
    @Override
    protected void extend(Document document, Document previous, MemberState before, MemberState after,
                          MemberEvent event) {
        Document central = previous == null ? null : previous.get(CENTRAL_HOUSEHOLD, Document.class);
        if (central == null && event instanceof CentralHouseholdDesignated e) {
            central = new Document("buildingGroupId", e.buildingGroupId().value()).append("households", e.households())
                    .append("designatedOn", e.designatedOn().toString());
        }
        if (central != null) {
            document.put(CENTRAL_HOUSEHOLD, central);
        }
    }

    @Override
    protected Target otherTarget(Envelope event) {
        return event.payload() instanceof OrganizationEvent e ? new Target(ORGANIZATIONS, e.organizationId().value()) : null;
    }

    @Override
    protected Document foldOther(String collection, Document current, Envelope event) {
        return OrganizationDocuments.fold(current, (OrganizationEvent) event.payload());
    }
}
