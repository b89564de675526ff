package cn.qinglong.dangjian.kernel.member;

public enum MembershipEndReason {
    DECEASED("去世"),
    TRANSFERRED_OUT("转出"),
    OTHER("其他");

    private final String label;

    MembershipEndReason(String label) {
        this.label = label;
    }

    /** The Chinese term used by the branches. */
    public String label() {
        return label;
    }
}
