package cn.qinglong.dangjian.kernel.evaluation;

/** Who rates a member in a round of 民主评议: the masses, a fellow member, the member themself. */
public enum RaterKind {
    MASSES("群众"),
    PEER("党员互评"),
    SELF("自评");

    private final String label;

    RaterKind(String label) {
        this.label = label;
    }

    /** The Chinese term used by the branches. */
    public String label() {
        return label;
    }
}
