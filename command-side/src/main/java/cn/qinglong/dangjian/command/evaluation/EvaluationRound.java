package cn.qinglong.dangjian.command.evaluation;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import cn.qinglong.dangjian.command.organization.MemberDirectory;
import cn.qinglong.dangjian.command.organization.OrganizationDirectory;
import cn.qinglong.dangjian.command.shared.Dates;
import cn.qinglong.dangjian.command.shared.IdConflict;
import cn.qinglong.dangjian.command.shared.NotFound;
import cn.qinglong.dangjian.command.shared.RuleViolation;
import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundCommand.OpenEvaluationRound;
import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundCommand.RateOrganization;
import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundEvent;
import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundEvent.EvaluationRoundOpened;
import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundEvent.OrganizationRated;
import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundId;
import cn.qinglong.dangjian.kernel.member.MemberId;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A round of 民主评议 of one organisation for one year, open between two dates, and the members' ratings of the
 * organisations in it (the round's organisation and those under it), once per member and organisation.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE)
class EvaluationRound {

    /** The years a round may be for, as every date of the service (1900 to 2100). */
    private static final int FIRST_YEAR = 1900;
    private static final int LAST_YEAR = 2100;

    @AggregateIdentifier
    private EvaluationRoundId roundId;
    private EvaluationRoundOpened opening;
    /** Per organisation rated and rater, what was recorded: a repeat is compared with it. */
    private Map<String, OrganizationRated> ratings = new HashMap<>();

    EvaluationRound() {
    }

    /** Returns whether the round was opened now (false for an idempotent repeat). */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    boolean handle(OpenEvaluationRound c, OrganizationDirectory organizations) {
        var event = new EvaluationRoundOpened(c.roundId(), c.organizationId(), c.year(), c.opensOn(), c.closesOn());
        if (opening != null) {
            if (opening.equals(event)) {
                return false;
            }
            throw new IdConflict("evaluation round '" + c.roundId() + "' is already opened for '"
                    + opening.organizationId() + "', year " + opening.year() + ", " + opening.window());
        }
        if (c.year() < FIRST_YEAR || c.year() > LAST_YEAR) {
            throw new RuleViolation("a round is for a year from " + FIRST_YEAR + " to " + LAST_YEAR + ", not " + c.year());
        }
        if (c.closesOn().isBefore(c.opensOn())) {
            throw new RuleViolation("a round closes on or after the day it opens; " + c.closesOn() + " is before "
                    + c.opensOn());
        }
        organizations.require("organization", c.organizationId()).requireActive("organization");
        apply(event);
        return true;
    }

    /**
     * A member rates an organisation of the round once per round, only while the round is open; the same rating
     * again records nothing, another one is a conflict naming what was recorded.
     */
    @CommandHandler
    void handle(RateOrganization c, OrganizationDirectory organizations, MemberDirectory members, Clock clock) {
        requireOpened();
        OrganizationRated recorded = ratings.get(key(c.organizationId(), c.raterMemberId()));
        var event = new OrganizationRated(roundId, c.organizationId(), c.raterMemberId(), c.satisfaction(), c.ratedOn());
        if (recorded != null) {
            if (recorded.equals(event)) {
                return;
            }
            throw new IdConflict("a member rates an organisation once per round; member '" + c.raterMemberId()
                    + "' already rated '" + c.organizationId() + "' " + recorded.satisfaction() + " on "
                    + recorded.ratedOn() + " in round '" + roundId + "'");
        }
        Dates.notInFuture("ratedOn", c.ratedOn(), clock);
        if (!opening.openOn(c.ratedOn())) {
            throw new RuleViolation("ratings are given only while the round is open (" + opening.window() + "); "
                    + c.ratedOn() + " is outside it");
        }
        organizations.require("organization", c.organizationId());
        if (!organizations.isUnder(c.organizationId(), opening.organizationId())) {
            throw new RuleViolation("round '" + roundId + "' rates '" + opening.organizationId()
                    + "' and the organisations under it; '" + c.organizationId() + "' is not one of them");
        }
        if (!members.exists(c.raterMemberId())) {
            throw new NotFound("member", c.raterMemberId());
        }
        apply(event);
    }

    private void requireOpened() {
        if (opening == null) {
            throw new NotFound("evaluation round", roundId);
        }
    }

    private static String key(OrganizationId organizationId, MemberId raterMemberId) {
        return organizationId.value() + "/" + raterMemberId.value();
    }

    @EventSourcingHandler
    void on(EvaluationRoundEvent event) {
        if (event instanceof EvaluationRoundOpened e) {
            roundId = e.roundId();
            opening = e;
        } else if (event instanceof OrganizationRated e) {
            ratings.putIfAbsent(key(e.organizationId(), e.raterMemberId()), e);
        }
    }
}
