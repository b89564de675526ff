package cn.qinglong.dangjian.kernel.suggestion;

/** Where a suggestion stands: waiting, answered by the organisation, or decided by the party-masses council. */
public enum SuggestionStatus {
    OPEN("待办理"),
    ANSWERED("已答复"),
    DELIBERATED("已议决");

    private final String label;

    SuggestionStatus(String label) {
        this.label = label;
    }

    /** The Chinese term used by the branches. */
    public String label() {
        return label;
    }
}
