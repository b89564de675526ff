package cn.qinglong.dangjian.kernel.member;

public enum VanguardKind {
    POLICY_PROPAGANDA("政策宣传"),
    COORDINATION("协调"),
    MODEL("示范"),
    MEDIATION("调解"),
    INFO_FEEDBACK("信息反馈"),
    VOLUNTEER("志愿服务");

    private final String label;

    VanguardKind(String label) {
        this.label = label;
    }

    /** The Chinese term used by the branches. */
    public String label() {
        return label;
    }
}
