package cn.qinglong.dangjian.security;

import cn.qinglong.dangjian.security.Role.Access;
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

    /** Whether one of this caller's roles reads every member (committee, auditors). */
    public boolean subdistrictWide() {
        return subdistrictWide(Access.READ);
    }

    /** Whether one of this caller's roles may do this to every member. */
    public boolean subdistrictWide(Access access) {
        return roles.stream().anyMatch(role -> role.allows(access) && role.subdistrictWide());
    }

    /**
     * The organisations within which this caller may do this by a scoped role (a secretary's, a group leader's): the
     * token's {@code org_scope} when it has such a role that allows it, else none. A subdistrict-wide role's reach is
     * not widened by the scope, nor a scoped role's access by a subdistrict-wide role.
     */
    public Set<String> scope(Access access) {
        return roles.stream().anyMatch(role -> role.allows(access) && !role.subdistrictWide()) ? orgScope : Set.of();
    }

    /** Whether this caller reads a member with these organisations (relation branch, daily branch, groups). */
    public boolean reaches(Collection<String> memberOrganizations) {
        return reaches(Access.READ, memberOrganizations);
    }

    /**
     * Whether one of this caller's roles allows this on a member with these organisations and reaches it: roles
     * combine by what each allows where it reaches, so a write needs a writing role whose reach covers the member.
     */
    public boolean reaches(Access access, Collection<String> memberOrganizations) {
        if (subdistrictWide(access)) {
            return true;
        }
        Set<String> scope = scope(access);
        return memberOrganizations.stream().anyMatch(id -> id != null && scope.contains(id));
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
