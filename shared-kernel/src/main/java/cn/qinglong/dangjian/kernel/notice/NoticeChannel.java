package cn.qinglong.dangjian.kernel.notice;

/** How a notice reached a member. */
public enum NoticeChannel {
    WECHAT("微信"),
    SMS("短信"),
    PHONE("电话"),
    IN_PERSON("上门"),
    PAPER("纸质");

    private final String label;

    NoticeChannel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
