package cn.qinglong.dangjian.kernel.member;

public enum CareNeed {
    POOR("困难"),
    ELDERLY("老党员"),
    JOB_SEEKING("就业困难"),
    FRAIL("体弱多病"),
    DISABLED_LOW_INCOME("残疾低保"),
    EMPTY_NEST("高龄空巢");

    private final String label;

    CareNeed(String label) {
        this.label = label;
    }

    /** The Chinese term used by the branches. */
    public String label() {
        return label;
    }
}
