package cn.qinglong.dangjian.command.evaluation;

import cn.qinglong.dangjian.command.web.CommandDispatcher;
import cn.qinglong.dangjian.command.web.PathIds;
import cn.qinglong.dangjian.command.web.Receipt;
import cn.qinglong.dangjian.command.web.Versions;
import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundCommand.OpenEvaluationRound;
import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundCommand.RateOrganization;
import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundId;
import cn.qinglong.dangjian.kernel.evaluation.Satisfaction;
import cn.qinglong.dangjian.kernel.member.MemberId;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
class EvaluationRoundController {

    private final CommandDispatcher dispatcher;

    EvaluationRoundController(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    record OpenRequest(EvaluationRoundId roundId, @NotNull OrganizationId organizationId, @NotNull Integer year,
                       @NotNull LocalDate opensOn, @NotNull LocalDate closesOn) {
    }

    @PostMapping("/api/evaluation-rounds")
    ResponseEntity<Receipt> open(@Valid @RequestBody OpenRequest r) {
        EvaluationRoundId id = r.roundId() != null ? r.roundId() : EvaluationRoundId.generate();
        return dispatcher.create(id.value(), new OpenEvaluationRound(id, r.organizationId(), r.year(), r.opensOn(),
                r.closesOn()));
    }

    record OrganizationRatingRequest(@NotNull EvaluationRoundId roundId, @NotNull MemberId raterMemberId,
                                     @NotNull Satisfaction satisfaction, @NotNull LocalDate ratedOn) {
    }

    /** The rating is a fact of the round (its stream), about the organisation in the path. */
    @PostMapping("/api/organizations/{id}/ratings")
    ResponseEntity<Receipt> rate(@PathVariable String id, @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                 @Valid @RequestBody OrganizationRatingRequest r) {
        OrganizationId organizationId = PathIds.parse(id, OrganizationId::of);
        return dispatcher.update(r.roundId().value(), new RateOrganization(r.roundId(), organizationId,
                r.raterMemberId(), r.satisfaction(), r.ratedOn(), Versions.expected(ifMatch)));
    }
}
