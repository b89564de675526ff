package cn.qinglong.dangjian.command.meeting;

import cn.qinglong.dangjian.command.web.CommandDispatcher;
import cn.qinglong.dangjian.command.web.Receipt;
import cn.qinglong.dangjian.kernel.meeting.MeetingCommand.HoldMeeting;
import cn.qinglong.dangjian.kernel.meeting.MeetingId;
import cn.qinglong.dangjian.kernel.meeting.MeetingKind;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/meetings")
class MeetingController {

    private final CommandDispatcher dispatcher;

    MeetingController(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    record HoldRequest(MeetingId meetingId, @NotNull OrganizationId organizationId, @NotNull MeetingKind kind,
                       @NotNull LocalDate heldOn, @NotBlank @Size(max = 200) String topic) {
    }

    @PostMapping
    ResponseEntity<Receipt> hold(@Valid @RequestBody HoldRequest r) {
        MeetingId id = r.meetingId() != null ? r.meetingId() : MeetingId.generate();
        return dispatcher.create(id.value(), new HoldMeeting(id, r.organizationId(), r.kind(), r.heldOn(), r.topic()));
    }
}
