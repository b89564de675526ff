package cn.qinglong.dangjian.command.studyday;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import cn.qinglong.dangjian.command.organization.OrganizationDirectory;
import cn.qinglong.dangjian.command.shared.Dates;
import cn.qinglong.dangjian.command.shared.IdConflict;
import cn.qinglong.dangjian.command.shared.NotFound;
import cn.qinglong.dangjian.command.shared.RuleViolation;
import cn.qinglong.dangjian.kernel.studyday.StudyDayCommand.CancelStudyDay;
import cn.qinglong.dangjian.kernel.studyday.StudyDayCommand.RescheduleStudyDay;
import cn.qinglong.dangjian.kernel.studyday.StudyDayCommand.ScheduleStudyDay;
import cn.qinglong.dangjian.kernel.studyday.StudyDayEvent;
import cn.qinglong.dangjian.kernel.studyday.StudyDayEvent.StudyDayCancelled;
import cn.qinglong.dangjian.kernel.studyday.StudyDayEvent.StudyDayRescheduled;
import cn.qinglong.dangjian.kernel.studyday.StudyDayEvent.StudyDayScheduled;
import cn.qinglong.dangjian.kernel.studyday.StudyDayId;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.time.Clock;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

@Aggregate
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE)
class StudyDay {

    @AggregateIdentifier
    private StudyDayId studyDayId;
    private StudyDayScheduled scheduling;
    private StudyDayFacts facts;

    StudyDay() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    boolean handle(ScheduleStudyDay command, OrganizationDirectory directory) {
        var event = new StudyDayScheduled(command.studyDayId(), command.branchId(), command.date(), command.topic(),
                command.modes());
        if (scheduling != null) {
            if (scheduling.equals(event)) {
                return false;
            }
            throw new IdConflict("study day '" + command.studyDayId() + "' already exists with other details");
        }
        if (event.modes().isEmpty()) {
            throw new RuleViolation("a study day offers at least one study mode");
        }
        directory.require("branch", command.branchId()).requireBranch("branch");
        apply(event);
        return true;
    }

    @CommandHandler
    void handle(RescheduleStudyDay command) {
        requireOpen();
        if (command.date().equals(facts.date())) {
            throw new RuleViolation("the study day is already on " + command.date());
        }
        apply(new StudyDayRescheduled(studyDayId, facts.branchId(), facts.date(), command.date(), command.reason()));
    }

    @CommandHandler
    void handle(CancelStudyDay command, Clock clock) {
        requireOpen();
        apply(new StudyDayCancelled(studyDayId, facts.branchId(), command.reason(),
                Dates.orToday(command.cancelledOn(), clock)));
    }

    private void requireOpen() {
        if (facts == null) {
            throw new NotFound("study day", studyDayId);
        }
        if (facts.cancelled()) {
            throw new RuleViolation("study day '" + studyDayId + "' has been cancelled");
        }
    }

    @EventSourcingHandler
    void on(StudyDayEvent event) {
        if (event instanceof StudyDayScheduled scheduled) {
            studyDayId = scheduled.studyDayId();
            scheduling = scheduled;
        }
        facts = StudyDayFacts.fold(facts, event);
    }

}
