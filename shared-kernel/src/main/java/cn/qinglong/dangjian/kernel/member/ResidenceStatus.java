package cn.qinglong.dangjian.kernel.member;

public enum ResidenceStatus {
    ORIGINAL("原村居住"),
    TRANSITION("返迁过渡期"),
    RESETTLED("安置社区"),
    URBAN("城市社区");

    private final String label;

    ResidenceStatus(String label) {
        this.label = label;
    }

    /** The Chinese term used by the branches. */
    public String label() {
        return label;
    }
}
