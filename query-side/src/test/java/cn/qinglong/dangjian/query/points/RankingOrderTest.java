package cn.qinglong.dangjian.query.points;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.query.points.PointsController.Item;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The 积分 ranking's order: most points first, then names in pinyin order (not code-point order), then ids. */
class RankingOrderTest {

    @Test
    @DisplayName("the ranking puts most points first, then names in pinyin order, then ids")
    void mostPointsThenPinyinThenId() {
        List<Item> items = List.of(
                new Item("m-3", "张伟", "b-1", 5),
                new Item("m-5", "李娜", "b-1", 5),
                new Item("m-2", "王芳", "b-1", 5),
                new Item("m-4", "赵磊", "b-2", 9),
                new Item("m-6", null, "b-1", 5),
                new Item("m-1", "李娜", "b-2", 5),
                new Item("m-7", "阿强", "b-1", 4));

        assertThat(PointsController.ranked(items)).extracting(Item::memberId)
                .as("9 points first; at 5, no name, then li, wang, zhang (code points would put 张 before 李 and 王),"
                        + " the two 李娜 by id; 4 points last although 阿 (a) comes first in pinyin")
                .containsExactly("m-4", "m-6", "m-1", "m-5", "m-2", "m-3", "m-7");
    }
}
