package cn.qinglong.dangjian.query.dashboard;

/**
 * The study's "eight difficulties" (八难), each measured by one indicator where higher is better: the indicator in
 * English (for the API's readers) and its definition in the committee's words (口径), which the dashboard shows as
 * served and docs/queries.md repeats word for word (DifficultyDefinitionsTest).
 */
enum Difficulty {
    ATTENDING_ORGANIZATIONAL_LIFE("参加组织生活难",
            "active members who attended a study day within the last 90 days / active members",
            "近90天内参加过学习日的党员 ÷ 在册党员（按日常管理支部统计）"),
    GROUP_MEETINGS("集中座谈难",
            "members in transition who attended a group meeting within the last 90 days / members in transition",
            "近90天内参加过党小组会的过渡期党员 ÷ 过渡期党员"),
    TALKS("谈话沟通难",
            "active members with a TALK visit within the last 12 months / active members",
            "近12个月内有过谈心谈话的党员 ÷ 在册党员"),
    PAYING_DUES("交纳党费难",
            "active members with no month owed up to last month and last month paid / active members, both by the branch holding the relation",
            "党费已交至上月且无欠交月份的党员 ÷ 在册党员（按组织关系所在支部统计）"),
    KEEPING_CONTACT("保持联系难",
            "active members not marked contact-lost who acknowledged every notice of the last 90 days addressed to them / active members",
            "未失联、且近90天内发给本人的每份通知都已确认收到的党员 ÷ 在册党员"),
    HOLDING_ACTIVITIES("开展活动难",
            "branch-months of the last 12 months with a study day or a branch meeting (三会一课) held / (12 x branches)",
            "近12个月中开展了学习日或支部“三会一课”的支部月数 ÷（12 × 党支部数）"),
    VANGUARD_ROLE("发挥先锋作用难",
            "active members with a vanguard activity or linked households / active members",
            "有先锋活动记录或联系群众户的党员 ÷ 在册党员"),
    KNOWING_PERFORMANCE("掌握其表现难",
            "active members with a complete contact card (six clears verified within 12 months) and an evaluation within 12 months / active members",
            "联系卡“六个清”完整且12个月内核实、并在12个月内参加民主评议的党员 ÷ 在册党员");

    private final String label;
    private final String indicator;
    private final String definition;

    Difficulty(String label, String indicator, String definition) {
        this.label = label;
        this.indicator = indicator;
        this.definition = definition;
    }

    String label() {
        return label;
    }

    String indicator() {
        return indicator;
    }

    String definition() {
        return definition;
    }
}
