package cn.qinglong.dangjian.command.member;

import cn.qinglong.dangjian.command.organization.OrganizationDirectory;
import cn.qinglong.dangjian.command.organization.OrganizationFacts;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The organisations a roster may name, by full name or id, read from their event streams once per import. */
@Component
record RosterOrganizations(JdbcTemplate jdbc, OrganizationDirectory directory) {

    Lookup load() {
        List<OrganizationFacts> all = jdbc.queryForList("SELECT aggregateIdentifier FROM DomainEventEntry "
                        + "WHERE sequenceNumber = 0 AND payloadType LIKE ?", String.class, "%$OrganizationEstablished")
                .stream().map(id -> directory.require("organization", new OrganizationId(id))).toList();
        return new Lookup(all);
    }

    /** Finds an organisation by id, else by full name; a name two organisations share finds neither. */
    static final class Lookup {
        private final List<OrganizationFacts> all;
        private final Map<String, OrganizationFacts> byId = new HashMap<>();
        private final Map<String, List<OrganizationFacts>> byName = new HashMap<>();

        Lookup(List<OrganizationFacts> all) {
            this.all = all;
            for (OrganizationFacts facts : all) {
                byId.put(facts.id().value(), facts);
                byName.computeIfAbsent(facts.name(), name -> new java.util.ArrayList<>()).add(facts);
            }
        }

        List<OrganizationFacts> all() {
            return all;
        }

        /** Empty when unknown; the problem's words when ambiguous or unknown are the caller's. */
        Optional<OrganizationFacts> find(String idOrName) {
            OrganizationFacts facts = byId.get(idOrName);
            if (facts != null) {
                return Optional.of(facts);
            }
            List<OrganizationFacts> named = byName.getOrDefault(idOrName, List.of());
            return named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
        }

        boolean ambiguous(String name) {
            return byName.getOrDefault(name, List.of()).size() > 1;
        }
    }
}
