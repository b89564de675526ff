package cn.qinglong.dangjian.kernel.evaluation;

/** How a member rates their organisation (党员评议党组织). */
public enum Satisfaction {
    SATISFIED("满意"),
    BASICALLY_SATISFIED("基本满意"),
    DISSATISFIED("不满意");

    private final String label;

    Satisfaction(String label) {
        this.label = label;
    }

    /** The Chinese term used by the branches. */
    public String label() {
        return label;
    }
}
