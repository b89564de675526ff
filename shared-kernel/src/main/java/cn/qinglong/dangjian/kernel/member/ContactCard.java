package cn.qinglong.dangjian.kernel.member;

import cn.qinglong.dangjian.kernel.common.BusinessDate;
import cn.qinglong.dangjian.kernel.common.Personal;
import java.time.LocalDate;
import java.util.stream.Stream;

/** 返迁过渡期党员信息联系卡: the "six clears" (六个清) of one household file. */
public record ContactCard(@Personal String whereabouts, @Personal String phone, @Personal String housing,
                          @Personal String ideology, @Personal String employment, @Personal String family,
                          @BusinessDate LocalDate verifiedOn) {

    public boolean allSixFilled() {
        return Stream.of(whereabouts, phone, housing, ideology, employment, family)
                .allMatch(field -> field != null && !field.isBlank());
    }

    /** Complete when all six are filled and the card was verified within the last twelve months. */
    public boolean completeOn(LocalDate today) {
        return allSixFilled() && verifiedOn != null && !verifiedOn.isBefore(today.minusMonths(12))
                && !verifiedOn.isAfter(today);
    }
}
