package cn.qinglong.dangjian.kernel.meeting;

/**
 * 三会一课 and the yearly meetings, each with how often it is required and whether a group or a branch holds it:
 * the one table the command side, the compliance view and the dashboard's legend read.
 */
public enum MeetingKind {
    BRANCH_CONGRESS("支部党员大会", Frequency.QUARTERLY, false),
    BRANCH_COMMITTEE("支委会", Frequency.MONTHLY, false),
    GROUP_MEETING("党小组会", Frequency.MONTHLY, true),
    PARTY_LECTURE("党课", Frequency.QUARTERLY, false),
    ORGANIZATIONAL_LIFE("组织生活会", Frequency.YEARLY, false),
    DEMOCRATIC_APPRAISAL("民主评议党员大会", Frequency.YEARLY, false);

    private final String label;
    private final Frequency required;
    private final boolean heldByGroup;

    MeetingKind(String label, Frequency required, boolean heldByGroup) {
        this.label = label;
        this.required = required;
        this.heldByGroup = heldByGroup;
    }

    public String label() {
        return label;
    }

    /** At least one meeting of this kind in each period of this frequency. */
    public Frequency required() {
        return required;
    }

    /** A group meeting is held by a group (transition, building or area); every other kind by a branch. */
    public boolean heldByGroup() {
        return heldByGroup;
    }
}
