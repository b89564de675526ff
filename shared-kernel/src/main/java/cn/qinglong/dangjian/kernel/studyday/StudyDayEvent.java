package cn.qinglong.dangjian.kernel.studyday;

import cn.qinglong.dangjian.kernel.common.Enums;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import java.time.LocalDate;
import java.util.Set;
import org.axonframework.serialization.Revision;

/** 固定学习日: a branch's monthly study day and the modes by which members may take part. */
public sealed interface StudyDayEvent {

    StudyDayId studyDayId();

    OrganizationId branchId();

    @Revision("1")
    record StudyDayScheduled(StudyDayId studyDayId, OrganizationId branchId, LocalDate date, String topic,
                             Set<StudyMode> modes) implements StudyDayEvent {
        public StudyDayScheduled {
            modes = Enums.orderedSet(StudyMode.class, modes);
        }
    }

    @Revision("1")
    record StudyDayRescheduled(StudyDayId studyDayId, OrganizationId branchId, LocalDate previousDate,
                               LocalDate date, String reason) implements StudyDayEvent {
    }

    @Revision("1")
    record StudyDayCancelled(StudyDayId studyDayId, OrganizationId branchId, String reason, LocalDate cancelledOn)
            implements StudyDayEvent {
    }
}
