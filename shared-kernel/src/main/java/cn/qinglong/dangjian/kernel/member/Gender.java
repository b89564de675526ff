package cn.qinglong.dangjian.kernel.member;

public enum Gender {
    M("男"),
    F("女");

    private final String label;

    Gender(String label) {
        this.label = label;
    }

    /** The Chinese term used by the branches. */
    public String label() {
        return label;
    }
}
