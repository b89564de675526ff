package cn.qinglong.dangjian.command.notice;

import cn.qinglong.dangjian.command.web.CommandDispatcher;
import cn.qinglong.dangjian.command.web.Receipt;
import cn.qinglong.dangjian.kernel.notice.NoticeCommand.IssueNotice;
import cn.qinglong.dangjian.kernel.notice.NoticeId;
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
@RequestMapping("/api/notices")
class NoticeController {

    private final CommandDispatcher dispatcher;

    NoticeController(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    record IssueRequest(NoticeId noticeId, @NotNull OrganizationId organizationId,
                        @NotBlank @Size(max = 200) String title, @NotBlank @Size(max = 4000) String body,
                        @NotNull LocalDate issuedOn) {
    }

    @PostMapping
    ResponseEntity<Receipt> issue(@Valid @RequestBody IssueRequest r) {
        NoticeId id = r.noticeId() != null ? r.noticeId() : NoticeId.generate();
        return dispatcher.create(id.value(), new IssueNotice(id, r.organizationId(), r.title(), r.body(), r.issuedOn()));
    }
}
