package cn.qinglong.dangjian.command.suggestion;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import cn.qinglong.dangjian.command.organization.MemberDirectory;
import cn.qinglong.dangjian.command.organization.OrganizationDirectory;
import cn.qinglong.dangjian.command.shared.Dates;
import cn.qinglong.dangjian.command.shared.IdConflict;
import cn.qinglong.dangjian.command.shared.NotFound;
import cn.qinglong.dangjian.command.shared.RuleViolation;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionCommand.AnswerSuggestion;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionCommand.DeliberateSuggestion;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionCommand.SubmitSuggestion;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionEvent;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionEvent.SuggestionAnswered;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionEvent.SuggestionDeliberated;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionEvent.SuggestionSubmitted;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionId;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.time.Clock;
import java.time.LocalDate;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * 建言献策: a suggestion from a member or a named resident to an organisation, then settled once: answered by the
 * organisation, or taken to the party-masses council, which deliberates it once (一事一议) and decides.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE)
class Suggestion {

    @AggregateIdentifier
    private SuggestionId suggestionId;
    private SuggestionSubmitted submission;
    private SuggestionAnswered answer;
    private SuggestionDeliberated deliberation;

    Suggestion() {
    }

    /** Returns whether the suggestion was submitted now (false for an idempotent repeat). */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    boolean handle(SubmitSuggestion c, OrganizationDirectory organizations, MemberDirectory members, Clock clock) {
        var event = new SuggestionSubmitted(c.suggestionId(), c.organizationId(), c.category(), c.text(),
                c.submittedOn(), c.memberId(), c.residentName());
        if (submission != null) {
            if (submission.equals(event)) {
                return false;
            }
            throw new IdConflict("suggestion '" + c.suggestionId() + "' was already submitted to '"
                    + submission.organizationId() + "' on " + submission.submittedOn() + " with other details");
        }
        Dates.notInFuture("submittedOn", c.submittedOn(), clock);
        if ((c.memberId() == null) == (c.residentName() == null)) {
            throw new RuleViolation("a suggestion is submitted by a member or by a named resident: give memberId or "
                    + "residentName, not both and not neither");
        }
        organizations.require("organization", c.organizationId()).requireActive("organization");
        if (c.memberId() != null && !members.exists(c.memberId())) {
            throw new NotFound("member", c.memberId());
        }
        apply(event);
        return true;
    }

    /**
     * The organisation answers once; the same answer again records nothing, another answer is a conflict naming
     * the one recorded; a suggestion the council deliberated is settled by its decision.
     */
    @CommandHandler
    void handle(AnswerSuggestion c, Clock clock) {
        requireSubmitted();
        if (answer != null) {
            if (answer.answer().equals(c.answer()) && answer.answeredOn().equals(c.answeredOn())) {
                return;
            }
            throw new IdConflict("a suggestion is answered once; suggestion '" + suggestionId + "' was answered on "
                    + answer.answeredOn() + ": " + answer.answer());
        }
        if (deliberation != null) {
            throw new RuleViolation("a suggestion is answered or taken to the council, not both; the council "
                    + "deliberated suggestion '" + suggestionId + "' on " + deliberation.councilOn());
        }
        Dates.notInFuture("answeredOn", c.answeredOn(), clock);
        notBeforeSubmission("answeredOn", c.answeredOn());
        apply(new SuggestionAnswered(suggestionId, submission.organizationId(), c.answer(), c.answeredOn()));
    }

    /** 一事一议: the council deliberates a suggestion once and decides. */
    @CommandHandler
    void handle(DeliberateSuggestion c, Clock clock) {
        requireSubmitted();
        if (deliberation != null) {
            if (deliberation.decision().equals(c.decision()) && deliberation.councilOn().equals(c.councilOn())) {
                return;
            }
            throw new IdConflict("the council deliberates a matter once (一事一议); suggestion '" + suggestionId
                    + "' was deliberated on " + deliberation.councilOn() + ": " + deliberation.decision());
        }
        if (answer != null) {
            throw new RuleViolation("a suggestion is answered or taken to the council, not both; suggestion '"
                    + suggestionId + "' was answered on " + answer.answeredOn());
        }
        Dates.notInFuture("councilOn", c.councilOn(), clock);
        notBeforeSubmission("councilOn", c.councilOn());
        apply(new SuggestionDeliberated(suggestionId, submission.organizationId(), c.councilOn(), c.decision()));
    }

    private void requireSubmitted() {
        if (submission == null) {
            throw new NotFound("suggestion", suggestionId);
        }
    }

    private void notBeforeSubmission(String field, LocalDate date) {
        if (date.isBefore(submission.submittedOn())) {
            throw new RuleViolation(field + " " + date + " precedes the suggestion's submission on "
                    + submission.submittedOn());
        }
    }

    @EventSourcingHandler
    void on(SuggestionEvent event) {
        suggestionId = event.suggestionId();
        if (event instanceof SuggestionSubmitted e) {
            submission = e;
        } else if (event instanceof SuggestionAnswered e) {
            answer = e;
        } else if (event instanceof SuggestionDeliberated e) {
            deliberation = e;
        }
    }
}
