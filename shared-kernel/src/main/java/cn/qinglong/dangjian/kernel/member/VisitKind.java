package cn.qinglong.dangjian.kernel.member;

public enum VisitKind {
    CARE_VISIT("走访"),
    CONDOLENCE("慰问"),
    PAIRED_ASSISTANCE("结对帮扶"),
    TALK("谈心谈话");

    private final String label;

    VisitKind(String label) {
        this.label = label;
    }

    /** The Chinese term used by the branches. */
    public String label() {
        return label;
    }
}
