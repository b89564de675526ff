package cn.qinglong.dangjian.kernel.member;

public enum Category {
    RETIRED("离退休"),
    EMPLOYED("在职"),
    UNEMPLOYED("待就业"),
    FARMER("农民"),
    NON_PUBLIC_ENTERPRISE("非公企业"),
    NEW_ORGANIZATION("两新组织"),
    FLOATING("流动党员");

    private final String label;

    Category(String label) {
        this.label = label;
    }

    /** The Chinese term used by the branches. */
    public String label() {
        return label;
    }
}
