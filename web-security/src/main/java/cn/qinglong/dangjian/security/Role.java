package cn.qinglong.dangjian.security;

/** The roles a token may carry (claim {@code roles}, or Keycloak's {@code realm_access.roles}). */
public enum Role {
    /** Everything, read and write, subdistrict-wide. */
    COMMITTEE,
    /** Reads and writes members whose relation or daily branch is in the token's {@code org_scope}. */
    BRANCH_SECRETARY,
    /** Reads and writes members whose group (transition, building or area) is in the token's {@code org_scope}. */
    GROUP_LEADER,
    /** Reads everything, history included; writes nothing. */
    AUDITOR,
    /** The event stream only; personal fields only with scope {@code personal-data}. */
    INTEGRATION;

    public String authority() {
        return "ROLE_" + name();
    }
}
