package cn.qinglong.dangjian.command.member;

/** The columns of the roster import, by their Chinese headers; the template and the reader both use this list. */
enum RosterColumn {
    NAME("姓名", true),
    GENDER("性别", true),
    BIRTH_DATE("出生日期", true),
    JOINED_PARTY_ON("入党日期", true),
    BRANCH("党组织关系所在支部", true),
    CATEGORIES("人员类别", true),
    RESIDENCE_STATUS("居住状态", true),
    COMMUNITY("现居住社区", false),
    PHONE("联系电话", false),
    ADDRESS("现居住地址", false),
    REGISTERED_ON("登记日期", true),
    MEMBER_NUMBER("党员编号", false);

    private final String header;
    private final boolean required;

    RosterColumn(String header, boolean required) {
        this.header = header;
        this.required = required;
    }

    String header() {
        return header;
    }

    boolean required() {
        return required;
    }

    static RosterColumn byHeader(String text) {
        for (RosterColumn column : values()) {
            if (column.header.equals(text)) {
                return column;
            }
        }
        return null;
    }
}
