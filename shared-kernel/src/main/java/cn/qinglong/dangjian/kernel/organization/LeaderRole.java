package cn.qinglong.dangjian.kernel.organization;

public enum LeaderRole {
    SECRETARY("书记"),
    DEPUTY_SECRETARY("副书记"),
    GROUP_LEADER("党小组长"),
    AREA_LEADER("片区长");

    private final String label;

    LeaderRole(String label) {
        this.label = label;
    }

    /** The Chinese term used by the branches. */
    public String label() {
        return label;
    }
}
