package cn.qinglong.dangjian.kernel.member;

/** How a member left behind at a study day was reached. */
public enum FollowUpMethod {
    VISIT("上门"),
    PHONE("电话"),
    WECHAT("微信");

    private final String label;

    FollowUpMethod(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
