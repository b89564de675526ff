package cn.qinglong.dangjian.query.history;

import cn.qinglong.dangjian.kernel.member.MemberState;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A page of a member's history. With {@code asOf}, {@code total} counts only what had been recorded by then and
 * {@code state} is the member as of then (null when nothing had been recorded yet).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record HistoryPage(String memberId, List<HistoryEntry> items, int page, int size, long total, Instant asOf,
                   MemberState state) {
}
