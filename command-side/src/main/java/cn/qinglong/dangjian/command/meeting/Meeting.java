package cn.qinglong.dangjian.command.meeting;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import cn.qinglong.dangjian.command.organization.OrganizationDirectory;
import cn.qinglong.dangjian.command.organization.OrganizationFacts;
import cn.qinglong.dangjian.command.shared.Dates;
import cn.qinglong.dangjian.command.shared.IdConflict;
import cn.qinglong.dangjian.kernel.meeting.MeetingCommand.HoldMeeting;
import cn.qinglong.dangjian.kernel.meeting.MeetingEvent;
import cn.qinglong.dangjian.kernel.meeting.MeetingEvent.MeetingHeld;
import cn.qinglong.dangjian.kernel.meeting.MeetingId;
import cn.qinglong.dangjian.kernel.organization.OrganizationLevel;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.time.Clock;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A meeting of 三会一课 (or a yearly organisational-life or democratic-appraisal meeting), held once by one
 * organisation on a date: a group meeting by a group, every other kind by a branch.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE)
class Meeting {

    @AggregateIdentifier
    private MeetingId meetingId;
    private MeetingHeld held;

    Meeting() {
    }

    /** Returns whether the meeting was recorded now (false for an identical repeat). */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    boolean handle(HoldMeeting command, OrganizationDirectory directory, Clock clock) {
        var event = new MeetingHeld(command.meetingId(), command.organizationId(), command.kind(), command.heldOn(),
                command.topic());
        if (held != null) {
            if (held.equals(event)) {
                return false;
            }
            throw new IdConflict("meeting '" + command.meetingId() + "' is already recorded with other details");
        }
        Dates.notInFuture("heldOn", command.heldOn(), clock);
        OrganizationFacts organization = directory.require("organization", command.organizationId());
        if (command.kind().heldByGroup()) {
            organization.requireActive("group").requireLevel("a group meeting's organisation", OrganizationLevel.GROUP);
        } else {
            organization.requireActive("branch").requireLevel("a " + command.kind() + "'s organisation",
                    OrganizationLevel.BRANCH, OrganizationLevel.GENERAL_BRANCH);
        }
        apply(event);
        return true;
    }

    @EventSourcingHandler
    void on(MeetingEvent event) {
        if (event instanceof MeetingHeld e) {
            meetingId = e.meetingId();
            held = e;
        }
    }
}
