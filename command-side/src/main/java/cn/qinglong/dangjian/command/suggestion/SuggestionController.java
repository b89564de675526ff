package cn.qinglong.dangjian.command.suggestion;

import cn.qinglong.dangjian.command.web.CommandDispatcher;
import cn.qinglong.dangjian.command.web.PathIds;
import cn.qinglong.dangjian.command.web.Receipt;
import cn.qinglong.dangjian.command.web.Versions;
import cn.qinglong.dangjian.kernel.member.MemberId;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionCategory;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionCommand.AnswerSuggestion;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionCommand.DeliberateSuggestion;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionCommand.SubmitSuggestion;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionId;
import cn.qinglong.dangjian.security.problem.InvalidInput;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/suggestions")
class SuggestionController {

    private final CommandDispatcher dispatcher;

    SuggestionController(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    record SubmitRequest(SuggestionId suggestionId, @NotNull OrganizationId organizationId,
                         @NotNull SuggestionCategory category, @NotBlank @Size(max = 2000) String text,
                         @NotNull LocalDate submittedOn, MemberId memberId,
                         @Size(min = 1, max = 50) String residentName) {
    }

    /** By a member or by a named resident: exactly one of the two is given (400 naming the field otherwise). */
    @PostMapping
    ResponseEntity<Receipt> submit(@Valid @RequestBody SubmitRequest r) {
        if (r.memberId() != null && r.residentName() != null) {
            throw new InvalidInput("residentName", "must be left out when memberId is given: a suggestion has one submitter");
        }
        if (r.memberId() == null && (r.residentName() == null || r.residentName().isBlank())) {
            throw new InvalidInput("memberId", "or residentName is required: who submitted the suggestion");
        }
        SuggestionId id = r.suggestionId() != null ? r.suggestionId() : SuggestionId.generate();
        return dispatcher.create(id.value(), new SubmitSuggestion(id, r.organizationId(), r.category(), r.text(),
                r.submittedOn(), r.memberId(), r.residentName()));
    }

    record AnswerRequest(@NotBlank @Size(max = 2000) String answer, @NotNull LocalDate answeredOn) {
    }

    @PostMapping("/{id}/answer")
    ResponseEntity<Receipt> answer(@PathVariable String id, @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                   @Valid @RequestBody AnswerRequest r) {
        SuggestionId suggestionId = PathIds.parse(id, SuggestionId::of);
        return dispatcher.update(id, new AnswerSuggestion(suggestionId, r.answer(), r.answeredOn(),
                Versions.expected(ifMatch)));
    }

    record DeliberationRequest(@NotNull LocalDate councilOn, @NotBlank @Size(max = 2000) String decision) {
    }

    @PostMapping("/{id}/deliberation")
    ResponseEntity<Receipt> deliberate(@PathVariable String id,
                                       @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                       @Valid @RequestBody DeliberationRequest r) {
        SuggestionId suggestionId = PathIds.parse(id, SuggestionId::of);
        return dispatcher.update(id, new DeliberateSuggestion(suggestionId, r.councilOn(), r.decision(),
                Versions.expected(ifMatch)));
    }
}
