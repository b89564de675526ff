package cn.qinglong.dangjian.kernel.studyday;

public enum StudyMode {
    NEARBY("就近参学"),
    HOME_DELIVERY("上门送学"),
    ONLINE("网络共学");

    private final String label;

    StudyMode(String label) {
        this.label = label;
    }

    /** The Chinese term used by the branches. */
    public String label() {
        return label;
    }
}
