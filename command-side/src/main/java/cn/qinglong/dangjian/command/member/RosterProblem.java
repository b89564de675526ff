package cn.qinglong.dangjian.command.member;

/** What is wrong with one cell (or, with no column, one row) of a roster, in Chinese. */
record RosterProblem(int row, String column, String value, String message) {
}
