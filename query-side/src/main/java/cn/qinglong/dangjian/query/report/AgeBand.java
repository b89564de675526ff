package cn.qinglong.dangjian.query.report;

/** The age bands of the annual statistics, by age in whole years on 31 December. */
enum AgeBand {
    UP_TO_35("35岁及以下", 35),
    FROM_36_TO_45("36–45岁", 45),
    FROM_46_TO_55("46–55岁", 55),
    FROM_56_TO_60("56–60岁", 60),
    FROM_61_TO_70("61–70岁", 70),
    FROM_71_TO_80("71–80岁", 80),
    FROM_81("81岁及以上", Integer.MAX_VALUE);

    private final String label;
    private final int upTo;

    AgeBand(String label, int upTo) {
        this.label = label;
        this.upTo = upTo;
    }

    String label() {
        return label;
    }

    static AgeBand of(int age) {
        for (AgeBand band : values()) {
            if (age <= band.upTo) {
                return band;
            }
        }
        throw new IllegalArgumentException("age " + age);
    }
}
