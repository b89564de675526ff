package cn.qinglong.dangjian.query.projection;

import cn.qinglong.dangjian.kernel.notice.NoticeEvent;
import cn.qinglong.dangjian.kernel.notice.NoticeEvent.NoticeIssued;
import cn.qinglong.dangjian.kernel.notice.NoticeId;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import java.time.LocalDate;
import org.bson.Document;

/** A notice as the views keep it, folded from its own stream, and back as the kernel's event. */
public final class NoticeDocuments {

    private NoticeDocuments() {
    }

    public static Document fold(Document current, NoticeEvent event) {
        Document d = Bson.copy(current);
        Bson.put(d, "organizationId", event.organizationId());
        if (event instanceof NoticeIssued e) {
            Bson.put(d, "title", e.title());
            Bson.put(d, "body", e.body());
            Bson.put(d, "issuedOn", e.issuedOn());
        }
        return d;
    }

    /** The notice as issued, for its audience rule ({@link NoticeIssued#isFor}). */
    public static NoticeIssued issued(Document d) {
        return new NoticeIssued(NoticeId.of(d.getString("_id")), OrganizationId.of(d.getString("organizationId")),
                d.getString("title"), d.getString("body"), LocalDate.parse(d.getString("issuedOn")));
    }
}
