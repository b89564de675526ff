package cn.qinglong.dangjian.kernel.studyday;

import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import java.time.LocalDate;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public sealed interface StudyDayCommand {

    StudyDayId studyDayId();

    record ScheduleStudyDay(@TargetAggregateIdentifier StudyDayId studyDayId, OrganizationId branchId,
                            LocalDate date, String topic, Set<StudyMode> modes) implements StudyDayCommand {
    }

    record RescheduleStudyDay(@TargetAggregateIdentifier StudyDayId studyDayId, LocalDate date, String reason,
                              @TargetAggregateVersion Long expectedVersion) implements StudyDayCommand {
    }

    record CancelStudyDay(@TargetAggregateIdentifier StudyDayId studyDayId, String reason, LocalDate cancelledOn,
                          @TargetAggregateVersion Long expectedVersion) implements StudyDayCommand {
    }
}
