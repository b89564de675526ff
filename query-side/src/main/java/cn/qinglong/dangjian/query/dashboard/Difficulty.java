package cn.qinglong.dangjian.query.dashboard;

/** The study's "eight difficulties" (八难), each measured by one indicator where higher is better. */
enum Difficulty {
    ATTENDING_ORGANIZATIONAL_LIFE("参加组织生活难",
            "active members who attended a study day within the last 90 days / active members"),
    GROUP_MEETINGS("集中座谈难",
            "members in transition who belong to a transition group / members in transition"),
    TALKS("谈话沟通难",
            "active members with a TALK visit within the last 12 months / active members"),
    PAYING_DUES("交纳党费难",
            "active members with no month owed up to last month and last month paid / active members, both by the branch holding the relation"),
    KEEPING_CONTACT("保持联系难",
            "active members not marked contact-lost who have a contact card on file / active members"),
    HOLDING_ACTIVITIES("开展活动难",
            "study days held in the last 12 months / (12 x branches), at most 1"),
    VANGUARD_ROLE("发挥先锋作用难",
            "active members with a vanguard activity or linked households / active members"),
    KNOWING_PERFORMANCE("掌握其表现难",
            "active members with a complete contact card (six clears verified within 12 months) and an evaluation within 12 months / active members");

    private final String label;
    private final String indicator;

    Difficulty(String label, String indicator) {
        this.label = label;
        this.indicator = indicator;
    }

    String label() {
        return label;
    }

    String indicator() {
        return indicator;
    }
}
