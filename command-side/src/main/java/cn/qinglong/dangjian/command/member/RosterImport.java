package cn.qinglong.dangjian.command.member;

import cn.qinglong.dangjian.command.organization.OrganizationDirectory;
import cn.qinglong.dangjian.command.security.MemberScope;
import cn.qinglong.dangjian.command.security.MemberScope.OutOfScope;
import cn.qinglong.dangjian.command.shared.IdConflict;
import cn.qinglong.dangjian.command.shared.NotFound;
import cn.qinglong.dangjian.command.shared.RuleViolation;
import cn.qinglong.dangjian.command.web.CommandDispatcher;
import cn.qinglong.dangjian.kernel.member.MemberCommand.RegisterMember;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberRegistered;
import cn.qinglong.dangjian.kernel.member.MemberId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Registers the rows of a roster through the same command path as {@code POST /api/members} (its rules, its events,
 * the importer as the actor), one row at a time; a dry run asks the same rules of every row and records nothing.
 * Re-importing a file is a no-op: an identical registration is an idempotent repeat.
 */
@Service
class RosterImport {

    enum Outcome { REGISTERED, ALREADY_THERE, CONFLICTING, REFUSED }

    record RowResult(int row, String memberId, String name, Outcome outcome, List<RosterProblem> problems) {
    }

    /** {@code counts} has every outcome, zero included; {@code results} one per row, in row order. */
    record Report(String importId, boolean dryRun, int rows, Map<Outcome, Integer> counts, List<RowResult> results) {
    }

    private static final String OUT_OF_SCOPE = "不在您管辖的党组织范围内";

    private final RosterOrganizations organizations;
    private final CommandDispatcher dispatcher;
    private final MemberScope scope;
    private final OrganizationDirectory directory;
    private final EventStore eventStore;
    private final Clock clock;

    RosterImport(RosterOrganizations organizations, CommandDispatcher dispatcher, MemberScope scope,
                 OrganizationDirectory directory, EventStore eventStore, Clock clock) {
        this.organizations = organizations;
        this.dispatcher = dispatcher;
        this.scope = scope;
        this.directory = directory;
        this.eventStore = eventStore;
        this.clock = clock;
    }

    Report run(List<RosterWorkbook.Line> lines, boolean dryRun, RosterImports.Progress progress) {
        RosterOrganizations.Lookup lookup = organizations.load();
        Map<MemberId, RosterCandidate> earlierRows = new HashMap<>();
        List<RowResult> results = new ArrayList<>();
        try {
            for (RosterWorkbook.Line line : lines) {
                RosterCandidate candidate = RosterCandidate.of(line, lookup);
                RowResult result;
                if (!candidate.valid()) {
                    result = result(candidate, Outcome.REFUSED, candidate.problems());
                } else if (dryRun) {
                    result = predict(candidate, earlierRows);
                } else {
                    result = register(candidate);
                }
                results.add(result);
                progress.row(result.outcome());
            }
        } catch (RuntimeException failure) {
            progress.end(RosterImports.Status.FAILED);
            throw failure;
        }
        progress.end(RosterImports.Status.FINISHED);
        return new Report(progress.importId(), dryRun, lines.size(), progress.view().counts(), results);
    }

    private RowResult register(RosterCandidate candidate) {
        RegisterMember command = candidate.command();
        try {
            boolean created = dispatcher.create(command.memberId().value(), command).getStatusCode()
                    .isSameCodeAs(HttpStatus.CREATED);
            return result(candidate, created ? Outcome.REGISTERED : Outcome.ALREADY_THERE, List.of());
        } catch (RuntimeException failure) {
            return refused(candidate, failure);
        }
    }

    /** What {@link #register} would answer, without sending anything. */
    private RowResult predict(RosterCandidate candidate, Map<MemberId, RosterCandidate> earlierRows) {
        RegisterMember command = candidate.command();
        RosterCandidate earlier = earlierRows.putIfAbsent(command.memberId(), candidate);
        if (earlier != null) {
            return earlier.command().equals(command) ? result(candidate, Outcome.ALREADY_THERE, List.of())
                    : result(candidate, Outcome.CONFLICTING, List.of(rowProblem(candidate,
                    "与第 " + earlier.row() + " 行是同一党员（编号 " + command.memberId() + "），但信息不同")));
        }
        try {
            scope.check(command);
            DomainEventStream stream = eventStore.readEvents(command.memberId().value());
            if (stream.hasNext()) {
                Object first = stream.next().getPayload();
                if (!(first instanceof MemberRegistered registered)) {
                    throw new IdConflict("id '" + command.memberId() + "' is already used by another kind of record");
                }
                if (!registered.equals(Member.registration(command))) {
                    throw new IdConflict("member '" + command.memberId() + "' is already registered with other details");
                }
                return result(candidate, Outcome.ALREADY_THERE, List.of());
            }
            Member.requireNoFutureDates(command, clock);
            Member.checkRegistration(command, directory);
            return result(candidate, Outcome.REGISTERED, List.of());
        } catch (RuntimeException failure) {
            return refused(candidate, failure);
        }
    }

    private RowResult refused(RosterCandidate candidate, RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IdConflict) {
                return result(candidate, Outcome.CONFLICTING, List.of(rowProblem(candidate,
                        "编号 " + candidate.memberId() + " 已登记，但信息与本行不同；未作更改")));
            }
            if (cause instanceof OutOfScope) {
                return result(candidate, Outcome.REFUSED, List.of(new RosterProblem(candidate.row(),
                        RosterColumn.BRANCH.header(), candidate.command().branchId().value(), OUT_OF_SCOPE)));
            }
            if (cause instanceof RuleViolation || cause instanceof NotFound) {
                return result(candidate, Outcome.REFUSED, List.of(rowProblem(candidate,
                        "不符合规则：" + cause.getMessage())));
            }
        }
        throw failure;
    }

    private static RosterProblem rowProblem(RosterCandidate candidate, String message) {
        return new RosterProblem(candidate.row(), null, null, message);
    }

    private static RowResult result(RosterCandidate candidate, Outcome outcome, List<RosterProblem> problems) {
        return new RowResult(candidate.row(), candidate.memberId() == null ? null : candidate.memberId().value(),
                candidate.name(), outcome, problems);
    }
}
