package cn.qinglong.dangjian.security;

import java.util.Set;

/**
 * The roles a token may carry (claim {@code roles}, or Keycloak's {@code realm_access.roles}), each with what it
 * allows on members ({@link Access}) and where: subdistrict-wide, or only within the token's {@code org_scope}. A token
 * with several roles may do what one of its roles allows where that role reaches (see {@link Caller#reaches}): an
 * auditor who is also a branch secretary reads everyone but writes only to the branch's members.
 */
public enum Role {
    /** Everything, read and write, subdistrict-wide. */
    COMMITTEE(Set.of(Access.READ, Access.WRITE), true),
    /** Reads and writes members whose relation or daily branch is in the token's {@code org_scope}. */
    BRANCH_SECRETARY(Set.of(Access.READ, Access.WRITE), false),
    /** Reads and writes members whose group (transition, building or area) is in the token's {@code org_scope}. */
    GROUP_LEADER(Set.of(Access.READ, Access.WRITE), false),
    /** Reads everything, history included; writes nothing. */
    AUDITOR(Set.of(Access.READ), true),
    /** The event stream only; personal fields only with scope {@code personal-data}. No member is in its reach. */
    INTEGRATION(Set.of(), true);

    /** What a role may do to a member it reaches. */
    public enum Access { READ, WRITE }

    private final Set<Access> allows;
    private final boolean subdistrictWide;

    Role(Set<Access> allows, boolean subdistrictWide) {
        this.allows = allows;
        this.subdistrictWide = subdistrictWide;
    }

    public boolean allows(Access access) {
        return allows.contains(access);
    }

    /** Whether this role reaches every member, rather than those its token's {@code org_scope} names. */
    public boolean subdistrictWide() {
        return subdistrictWide;
    }

    public String authority() {
        return "ROLE_" + name();
    }
}
