package cn.qinglong.dangjian.command.studyday;

import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import cn.qinglong.dangjian.kernel.studyday.StudyDayEvent;
import cn.qinglong.dangjian.kernel.studyday.StudyDayEvent.StudyDayCancelled;
import cn.qinglong.dangjian.kernel.studyday.StudyDayEvent.StudyDayRescheduled;
import cn.qinglong.dangjian.kernel.studyday.StudyDayEvent.StudyDayScheduled;
import cn.qinglong.dangjian.kernel.studyday.StudyDayId;
import cn.qinglong.dangjian.kernel.studyday.StudyMode;
import java.time.LocalDate;
import java.util.Set;

/** A study day as the rules see it, folded from its events (by the aggregate and the calendar alike). */
public record StudyDayFacts(StudyDayId id, OrganizationId branchId, LocalDate date, Set<StudyMode> modes,
                            boolean cancelled) {

    static StudyDayFacts fold(StudyDayFacts facts, StudyDayEvent event) {
        if (event instanceof StudyDayScheduled e) {
            return new StudyDayFacts(e.studyDayId(), e.branchId(), e.date(), e.modes(), false);
        }
        if (facts == null) {
            return null;
        }
        if (event instanceof StudyDayRescheduled e) {
            return new StudyDayFacts(facts.id, facts.branchId, e.date(), facts.modes, facts.cancelled);
        }
        if (event instanceof StudyDayCancelled) {
            return new StudyDayFacts(facts.id, facts.branchId, facts.date, facts.modes, true);
        }
        return facts;
    }
}
