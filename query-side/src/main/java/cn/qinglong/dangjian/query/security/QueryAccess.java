package cn.qinglong.dangjian.query.security;

import cn.qinglong.dangjian.security.AccessRules;
import cn.qinglong.dangjian.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may read which view. The committee and auditors read everything (only the committee rebuilds projections);
 * branch secretaries and group leaders read the roster, member views and histories, and the views that list or count
 * members across branches (attendance, study days, dual management, transition, care, dashboard, organisational life and
 * notices), each narrowed to
 * their scope by {@link cn.qinglong.dangjian.query.member.MemberReach}, and the organisation tree (counts, no
 * members). Integration clients read the event stream only.
 */
@Configuration
class QueryAccess {

    @Bean
    AccessRules queryRules() {
        String committee = Role.COMMITTEE.name();
        String auditor = Role.AUDITOR.name();
        String secretary = Role.BRANCH_SECRETARY.name();
        String leader = Role.GROUP_LEADER.name();
        return rules -> rules
                .requestMatchers(HttpMethod.GET, "/api/events/stream").hasAnyRole(committee, auditor, Role.INTEGRATION.name())
                .requestMatchers(HttpMethod.GET, "/api/members", "/api/members/*", "/api/members/*/history",
                        "/api/members/*/history/verify", "/api/members/*/attendance", "/api/organizations/tree",
                        "/api/attendance/rates", "/api/attendance/left-behind",
                        "/api/study-days", "/api/study-days/*/attendance", "/api/dual-management", "/api/transition",
                        "/api/care/overdue", "/api/dashboard/difficulties", "/api/dues/arrears",
                        "/api/dues/collection",
                        "/api/organizational-life/compliance", "/api/organizational-life/summary", "/api/meetings",
                        "/api/meetings/*", "/api/notices", "/api/notices/*/reach")
                .hasAnyRole(committee, auditor, secretary, leader)
                .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(committee, auditor)
                .requestMatchers(HttpMethod.POST, "/api/exports").hasAnyRole(committee, auditor, secretary, leader)
                .requestMatchers("/api/**").hasRole(committee);
    }
}
