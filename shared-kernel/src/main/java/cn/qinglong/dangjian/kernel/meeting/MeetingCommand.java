package cn.qinglong.dangjian.kernel.meeting;

import cn.qinglong.dangjian.kernel.common.BusinessDate;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public sealed interface MeetingCommand {

    MeetingId meetingId();

    record HoldMeeting(@TargetAggregateIdentifier MeetingId meetingId, OrganizationId organizationId,
                       MeetingKind kind, @BusinessDate LocalDate heldOn, String topic) implements MeetingCommand {
    }
}
