package cn.qinglong.dangjian.command.studyday;

import cn.qinglong.dangjian.command.web.CommandDispatcher;
import cn.qinglong.dangjian.command.web.PathIds;
import cn.qinglong.dangjian.command.web.Receipt;
import cn.qinglong.dangjian.command.web.Versions;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import cn.qinglong.dangjian.kernel.studyday.StudyDayCommand.CancelStudyDay;
import cn.qinglong.dangjian.kernel.studyday.StudyDayCommand.RescheduleStudyDay;
import cn.qinglong.dangjian.kernel.studyday.StudyDayCommand.ScheduleStudyDay;
import cn.qinglong.dangjian.kernel.studyday.StudyDayId;
import cn.qinglong.dangjian.kernel.studyday.StudyMode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/study-days")
class StudyDayController {

    private final CommandDispatcher dispatcher;

    StudyDayController(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    record ScheduleRequest(StudyDayId studyDayId, @NotNull OrganizationId branchId, @NotNull LocalDate date,
                           @NotBlank @Size(max = 200) String topic, @NotEmpty Set<@NotNull StudyMode> modes) {
    }

    @PostMapping
    ResponseEntity<Receipt> schedule(@Valid @RequestBody ScheduleRequest r) {
        StudyDayId id = r.studyDayId() != null ? r.studyDayId() : StudyDayId.generate();
        return dispatcher.create(id.value(), new ScheduleStudyDay(id, r.branchId(), r.date(), r.topic(), r.modes()));
    }

    record RescheduleRequest(@NotNull LocalDate date, @NotBlank @Size(max = 200) String reason) {
    }

    @PostMapping("/{id}/rescheduling")
    ResponseEntity<Receipt> reschedule(@PathVariable String id, @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                       @Valid @RequestBody RescheduleRequest r) {
        StudyDayId studyDayId = PathIds.parse(id, StudyDayId::of);
        return dispatcher.update(id, new RescheduleStudyDay(studyDayId, r.date(), r.reason(), Versions.expected(ifMatch)));
    }

    record CancellationRequest(@NotBlank @Size(max = 200) String reason, LocalDate cancelledOn) {
    }

    @PostMapping("/{id}/cancellation")
    ResponseEntity<Receipt> cancel(@PathVariable String id, @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                   @Valid @RequestBody CancellationRequest r) {
        StudyDayId studyDayId = PathIds.parse(id, StudyDayId::of);
        return dispatcher.update(id, new CancelStudyDay(studyDayId, r.reason(), r.cancelledOn(), Versions.expected(ifMatch)));
    }
}
