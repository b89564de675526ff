package cn.qinglong.dangjian.command.organization;

import cn.qinglong.dangjian.command.web.CommandDispatcher;
import cn.qinglong.dangjian.command.web.PathIds;
import cn.qinglong.dangjian.command.web.Receipt;
import cn.qinglong.dangjian.command.web.Versions;
import cn.qinglong.dangjian.kernel.member.MemberId;
import cn.qinglong.dangjian.kernel.organization.GroupKind;
import cn.qinglong.dangjian.kernel.organization.LeaderRole;
import cn.qinglong.dangjian.kernel.organization.OrganizationCommand.AppointLeader;
import cn.qinglong.dangjian.kernel.organization.OrganizationCommand.DissolveOrganization;
import cn.qinglong.dangjian.kernel.organization.OrganizationCommand.EstablishOrganization;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import cn.qinglong.dangjian.kernel.organization.OrganizationLevel;
import cn.qinglong.dangjian.kernel.organization.Setting;
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
@RequestMapping("/api/organizations")
class OrganizationController {

    private final CommandDispatcher dispatcher;

    OrganizationController(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    record EstablishRequest(OrganizationId organizationId, @NotBlank @Size(max = 100) String name,
                            @NotNull OrganizationLevel level, Setting setting, GroupKind groupKind,
                            OrganizationId parentId, @NotNull LocalDate establishedOn) {
    }

    @PostMapping
    ResponseEntity<Receipt> establish(@Valid @RequestBody EstablishRequest r) {
        OrganizationId id = r.organizationId() != null ? r.organizationId() : OrganizationId.generate();
        return dispatcher.create(id.value(), new EstablishOrganization(id, r.name(), r.level(), r.setting(),
                r.groupKind(), r.parentId(), r.establishedOn()));
    }

    record LeaderRequest(@NotNull MemberId memberId, @NotNull LeaderRole role, @NotNull LocalDate appointedOn) {
    }

    @PostMapping("/{id}/leaders")
    ResponseEntity<Receipt> appoint(@PathVariable String id, @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                    @Valid @RequestBody LeaderRequest r) {
        OrganizationId organizationId = PathIds.parse(id, OrganizationId::of);
        return dispatcher.update(id, new AppointLeader(organizationId, r.memberId(), r.role(), r.appointedOn(),
                Versions.expected(ifMatch)));
    }

    record DissolutionRequest(@NotNull LocalDate dissolvedOn, OrganizationId successorId) {
    }

    @PostMapping("/{id}/dissolution")
    ResponseEntity<Receipt> dissolve(@PathVariable String id, @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                     @Valid @RequestBody DissolutionRequest r) {
        OrganizationId organizationId = PathIds.parse(id, OrganizationId::of);
        return dispatcher.update(id, new DissolveOrganization(organizationId, r.dissolvedOn(), r.successorId(),
                Versions.expected(ifMatch)));
    }
}
