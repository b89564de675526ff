package cn.qinglong.dangjian.query.projection;

import cn.qinglong.dangjian.kernel.studyday.StudyDayEvent;
import cn.qinglong.dangjian.kernel.studyday.StudyDayEvent.StudyDayCancelled;
import cn.qinglong.dangjian.kernel.studyday.StudyDayEvent.StudyDayRescheduled;
import cn.qinglong.dangjian.kernel.studyday.StudyDayEvent.StudyDayScheduled;
import org.bson.Document;

/** A study day as the views keep it, folded from its own stream. */
public final class StudyDayDocuments {

    private StudyDayDocuments() {
    }

    public static Document fold(Document current, StudyDayEvent event) {
        Document d = Bson.copy(current);
        Bson.put(d, "branchId", event.branchId());
        if (event instanceof StudyDayScheduled e) {
            Bson.put(d, "date", e.date());
            Bson.put(d, "topic", e.topic());
            Bson.put(d, "modes", e.modes());
            d.put("cancelled", false);
        } else if (event instanceof StudyDayRescheduled e) {
            Bson.put(d, "date", e.date());
        } else if (event instanceof StudyDayCancelled e) {
            d.put("cancelled", true);
            Bson.put(d, "cancelledOn", e.cancelledOn());
        }
        return d;
    }
}
