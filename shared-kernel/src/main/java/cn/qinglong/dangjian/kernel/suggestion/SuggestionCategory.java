package cn.qinglong.dangjian.kernel.suggestion;

/** What a suggestion (建言献策) is about. */
public enum SuggestionCategory {
    ENVIRONMENT("环境整治"),
    GREENING("绿化管理"),
    PROPERTY("物业服务"),
    SECURITY("治安状况"),
    CULTURE("社区文化"),
    PARTY_BUILDING("党建"),
    OTHER("其他");

    private final String label;

    SuggestionCategory(String label) {
        this.label = label;
    }

    /** The Chinese term used by the branches. */
    public String label() {
        return label;
    }
}
