package cn.qinglong.dangjian.kernel.organization;

public enum GroupKind {
    TRANSITION("拆迁过渡期党小组"),
    BUILDING("楼栋党小组"),
    AREA("片区");

    private final String label;

    GroupKind(String label) {
        this.label = label;
    }

    /** The Chinese term used by the branches. */
    public String label() {
        return label;
    }
}
