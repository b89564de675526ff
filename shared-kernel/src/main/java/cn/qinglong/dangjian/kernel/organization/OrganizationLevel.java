package cn.qinglong.dangjian.kernel.organization;

public enum OrganizationLevel {
    COMMITTEE("街道党工委"),
    GENERAL_BRANCH("党总支"),
    BRANCH("党支部"),
    GROUP("党小组");

    private final String label;

    OrganizationLevel(String label) {
        this.label = label;
    }

    /** The Chinese term used by the branches. */
    public String label() {
        return label;
    }
}
