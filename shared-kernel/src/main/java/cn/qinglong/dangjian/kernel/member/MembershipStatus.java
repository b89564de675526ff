package cn.qinglong.dangjian.kernel.member;

public enum MembershipStatus {
    ACTIVE("在册"),
    ENDED("已出党籍");

    private final String label;

    MembershipStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
