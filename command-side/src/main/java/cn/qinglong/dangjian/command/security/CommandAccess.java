package cn.qinglong.dangjian.command.security;

import cn.qinglong.dangjian.security.AccessRules;
import cn.qinglong.dangjian.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may send which command. The committee sends everything; branch secretaries and group leaders send member
 * commands, and {@link MemberScope} then checks that the member is theirs; secretaries also import rosters, checked
 * row by row the same way. Auditors and integration clients send nothing. Organisations, study days and erasure are
 * the committee's.
 */
@Configuration
class CommandAccess {

    @Bean
    AccessRules commandRules() {
        String committee = Role.COMMITTEE.name();
        return rules -> rules
                .requestMatchers(HttpMethod.POST, "/api/members/*/erasure").hasRole(committee)
                .requestMatchers("/api/organizations", "/api/organizations/**", "/api/study-days", "/api/study-days/**")
                .hasRole(committee)
                .requestMatchers("/api/imports/**")
                .hasAnyRole(committee, Role.BRANCH_SECRETARY.name())
                .requestMatchers("/api/members", "/api/members/**")
                .hasAnyRole(committee, Role.BRANCH_SECRETARY.name(), Role.GROUP_LEADER.name())
                .requestMatchers("/api/**").hasRole(committee);
    }
}
