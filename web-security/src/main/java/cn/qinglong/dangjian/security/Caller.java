package cn.qinglong.dangjian.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The authenticated principal of the current request: its name (recorded as the events' actor), its roles, the
 * organisations its scope names and whether it may see personal data.
 */
public record Caller(String name, Set<Role> roles, Set<String> orgScope, boolean personalData) {

    public static final String ORG_SCOPE_CLAIM = "org_scope";
    public static final String ROLES_CLAIM = "roles";
    public static final String PERSONAL_DATA_SCOPE = "personal-data";

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Committee and auditors see every member; secretaries and group leaders only those in their scope. */
    public boolean subdistrictWide() {
        return has(Role.COMMITTEE) || has(Role.AUDITOR);
    }

    /** Whether a member with these organisations (relation branch, daily branch, groups) is in this caller's reach. */
    public boolean reaches(Collection<String> memberOrganizations) {
        if (subdistrictWide()) {
            return true;
        }
        return memberOrganizations.stream().anyMatch(id -> id != null && orgScope.contains(id));
    }

    public static Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof CallerAuthentication known) {
            return known.caller();
        }
        if (authentication instanceof JwtAuthenticationToken token) {
            return of(token.getToken());
        }
        throw new IllegalStateException("no authenticated caller");
    }

    static Caller of(Jwt jwt) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : roleNames(jwt)) {
            for (Role role : Role.values()) {
                if (role.name().equalsIgnoreCase(name)) {
                    roles.add(role);
                }
            }
        }
        Set<String> scope = new TreeSet<>(strings(jwt.getClaim(ORG_SCOPE_CLAIM)));
        String scopes = jwt.getClaimAsString("scope");
        boolean personal = scopes != null && List.of(scopes.split(" ")).contains(PERSONAL_DATA_SCOPE);
        String name = jwt.getClaimAsString("preferred_username");
        return new Caller(name == null || name.isBlank() ? jwt.getSubject() : name, roles, scope, personal);
    }

    private static List<String> roleNames(Jwt jwt) {
        List<String> names = new java.util.ArrayList<>(strings(jwt.getClaim(ROLES_CLAIM)));
        Object realmAccess = jwt.getClaim("realm_access");
        if (realmAccess instanceof java.util.Map<?, ?> map) {
            names.addAll(strings(map.get("roles")));
        }
        return names;
    }

    private static List<String> strings(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        if (claim instanceof String value && !value.isBlank()) {
            return List.of(value.split("[ ,]+"));
        }
        return List.of();
    }
}
