package cn.qinglong.dangjian.kernel.meeting;

import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** 三会一课: a meeting one organisation held on a date; who came is a fact of each member's own stream. */
public sealed interface MeetingEvent {

    MeetingId meetingId();

    OrganizationId organizationId();

    @Revision("1")
    record MeetingHeld(MeetingId meetingId, OrganizationId organizationId, MeetingKind kind, LocalDate heldOn,
                       String topic) implements MeetingEvent {
    }
}
