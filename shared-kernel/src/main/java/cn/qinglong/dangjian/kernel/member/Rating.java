package cn.qinglong.dangjian.kernel.member;

public enum Rating {
    EXCELLENT("优秀"),
    QUALIFIED("合格"),
    BASICALLY_QUALIFIED("基本合格"),
    UNQUALIFIED("不合格");

    private final String label;

    Rating(String label) {
        this.label = label;
    }

    /** The Chinese term used by the branches. */
    public String label() {
        return label;
    }
}
