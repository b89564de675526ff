package cn.qinglong.dangjian.query.organization;

import cn.qinglong.dangjian.kernel.organization.OrganizationEvent;
import cn.qinglong.dangjian.query.projection.Envelope;
import cn.qinglong.dangjian.query.projection.MemberFoldProjection;
import cn.qinglong.dangjian.query.projection.OrganizationDocuments;
import cn.qinglong.dangjian.query.projection.ViewCollections;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** The organization tree and, per member, where they count in it. */
@Component
class OrganizationProjection extends MemberFoldProjection {

    static final String NAME = "organization";
    static final String ORGANIZATIONS = "organizations";

    OrganizationProjection() {
        super(NAME, ORGANIZATIONS);
    }

    /** The tree counts active members. */
    @Override
    public void createIndexes(ViewCollections views) {
        views.get(MEMBERS).createIndex(Indexes.ascending("status"));
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
