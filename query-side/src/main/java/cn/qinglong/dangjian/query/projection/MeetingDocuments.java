package cn.qinglong.dangjian.query.projection;

import cn.qinglong.dangjian.kernel.meeting.MeetingEvent;
import cn.qinglong.dangjian.kernel.meeting.MeetingEvent.MeetingHeld;
import org.bson.Document;

/** A meeting (三会一课) as the views keep it, folded from its own stream. */
public final class MeetingDocuments {

    private MeetingDocuments() {
    }

    public static Document fold(Document current, MeetingEvent event) {
        Document d = Bson.copy(current);
        Bson.put(d, "organizationId", event.organizationId());
        if (event instanceof MeetingHeld e) {
            Bson.put(d, "kind", e.kind());
            Bson.put(d, "heldOn", e.heldOn());
            Bson.put(d, "topic", e.topic());
        }
        return d;
    }
}
