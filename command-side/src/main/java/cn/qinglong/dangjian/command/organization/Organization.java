package cn.qinglong.dangjian.command.organization;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import cn.qinglong.dangjian.command.shared.Dates;
import cn.qinglong.dangjian.command.shared.IdConflict;
import cn.qinglong.dangjian.command.shared.NotFound;
import cn.qinglong.dangjian.command.shared.RuleViolation;
import cn.qinglong.dangjian.kernel.organization.OrganizationCommand.AppointLeader;
import cn.qinglong.dangjian.kernel.organization.OrganizationCommand.DissolveOrganization;
import cn.qinglong.dangjian.kernel.organization.OrganizationCommand.EstablishOrganization;
import cn.qinglong.dangjian.kernel.organization.OrganizationEvent;
import cn.qinglong.dangjian.kernel.organization.OrganizationEvent.LeaderAppointed;
import cn.qinglong.dangjian.kernel.organization.OrganizationEvent.OrganizationDissolved;
import cn.qinglong.dangjian.kernel.organization.OrganizationEvent.OrganizationEstablished;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
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

@Aggregate
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE)
class Organization {

    @AggregateIdentifier
    private OrganizationId organizationId;
    private OrganizationEstablished establishment;
    private OrganizationFacts facts;

    Organization() {
    }

    /** Returns whether the organization was created now (false for an idempotent repeat). */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    boolean handle(EstablishOrganization command, OrganizationDirectory directory, Occupants occupants, Clock clock) {
        var event = new OrganizationEstablished(command.organizationId(), command.name(), command.level(),
                command.setting(), command.groupKind(), command.parentId(), command.establishedOn());
        if (establishment != null) {
            if (establishment.equals(event)) {
                return false;
            }
            throw new IdConflict("organization '" + command.organizationId() + "' already exists with other details");
        }
        Dates.notInFuture("establishedOn", command.establishedOn(), clock);
        if (command.level() == OrganizationLevel.GROUP && command.groupKind() == null) {
            throw new RuleViolation("a GROUP needs a groupKind (TRANSITION, BUILDING or AREA)");
        }
        if (command.level() != OrganizationLevel.GROUP && command.groupKind() != null) {
            throw new RuleViolation("only a GROUP has a groupKind");
        }
        if (command.parentId() == null && command.level() != OrganizationLevel.COMMITTEE) {
            throw new RuleViolation("every organization below the committee needs a parentId");
        }
        if (command.parentId() != null) {
            if (command.parentId().equals(command.organizationId())) {
                throw new RuleViolation("an organization cannot be its own parent");
            }
            OrganizationFacts parent = directory.require("parent organization", command.parentId()).requireActive("parent organization");
            if (parent.level().ordinal() >= command.level().ordinal()) {
                throw new RuleViolation("a " + command.level() + " cannot sit under a " + parent.level());
            }
        }
        apply(event);
        occupants.placeOrganization(command.organizationId(), command.parentId());
        return true;
    }

    @CommandHandler
    void handle(AppointLeader command, MemberDirectory members, Clock clock) {
        requireActive();
        Dates.notInFuture("appointedOn", command.appointedOn(), clock);
        if (!members.exists(command.memberId())) {
            throw new NotFound("member", command.memberId());
        }
        apply(new LeaderAppointed(organizationId, command.memberId(), command.role(), command.appointedOn()));
    }

    @CommandHandler
    void handle(DissolveOrganization command, OrganizationDirectory directory, Occupants occupants, Clock clock) {
        requireActive();
        Dates.notInFuture("dissolvedOn", command.dissolvedOn(), clock);
        Occupants.Count inside = occupants.count(organizationId);
        if (inside.members() > 0 || inside.organizations() > 0) {
            throw new RuleViolation("an organization with active members or active sub-organizations cannot be dissolved: '"
                    + organizationId + "' still has " + inside.members() + " active member(s) and "
                    + inside.organizations() + " active sub-organization(s); move them first");
        }
        if (command.successorId() != null) {
            if (command.successorId().equals(organizationId)) {
                throw new RuleViolation("an organization cannot succeed itself");
            }
            directory.require("successor organization", command.successorId()).requireActive("successor organization");
        }
        apply(new OrganizationDissolved(organizationId, command.dissolvedOn(), command.successorId()));
        occupants.removeOrganization(organizationId);
    }

    private void requireActive() {
        if (facts == null) {
            throw new NotFound("organization", organizationId);
        }
        facts.requireActive("organization");
    }

    @EventSourcingHandler
    void on(OrganizationEvent event) {
        if (event instanceof OrganizationEstablished established) {
            organizationId = established.organizationId();
            establishment = established;
        }
        facts = OrganizationFacts.fold(facts, event);
    }

}
