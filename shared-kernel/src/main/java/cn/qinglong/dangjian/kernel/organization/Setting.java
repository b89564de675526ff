package cn.qinglong.dangjian.kernel.organization;

public enum Setting {
    URBAN_COMMUNITY("纯城市社区"),
    RELOCATING_VILLAGE("动迁村"),
    RESETTLEMENT_COMMUNITY("安置社区");

    private final String label;

    Setting(String label) {
        this.label = label;
    }

    /** The Chinese term used by the branches. */
    public String label() {
        return label;
    }
}
