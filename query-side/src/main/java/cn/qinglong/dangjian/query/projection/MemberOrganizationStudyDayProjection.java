package cn.qinglong.dangjian.query.projection;

import cn.qinglong.dangjian.kernel.organization.OrganizationEvent;
import cn.qinglong.dangjian.kernel.studyday.StudyDayEvent;
import java.util.stream.Stream;
import org.bson.Document;

/** A member fold that also keeps the organizations and the study days, each folded from its own stream. */
public abstract class MemberOrganizationStudyDayProjection extends MemberFoldProjection {

    public static final String ORGANIZATIONS = "organizations";
    public static final String STUDY_DAYS = "study_days";

    /** {@code moreCollections}: what the view keeps besides members, organizations and study days. */
    protected MemberOrganizationStudyDayProjection(String name, String... moreCollections) {
        super(name, Stream.concat(Stream.of(ORGANIZATIONS, STUDY_DAYS), Stream.of(moreCollections))
                .toArray(String[]::new));
    }

    @Override
    protected Target otherTarget(Envelope event) {
        if (event.payload() instanceof OrganizationEvent e) {
            return new Target(ORGANIZATIONS, e.organizationId().value());
        }
        return event.payload() instanceof StudyDayEvent e ? new Target(STUDY_DAYS, e.studyDayId().value()) : null;
    }

    @Override
    protected Document foldOther(String collection, Document current, Envelope event) {
        if (event.payload() instanceof OrganizationEvent e) {
            return OrganizationDocuments.fold(current, e);
        }
        return StudyDayDocuments.fold(current, (StudyDayEvent) event.payload());
    }
}
