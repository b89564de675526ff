package cn.qinglong.dangjian.query.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamePinyinTest {

    private static Document spelled(String name) {
        Document document = new Document();
        NamePinyin.put(document, name);
        return document;
    }

    private static List<String> pinyin(String name) {
        return spelled(name).getList(NamePinyin.PINYIN, String.class);
    }

    private static List<String> initials(String name) {
        return spelled(name).getList(NamePinyin.INITIALS, String.class);
    }

    @Test
    @DisplayName("a name of one reading per character is spelled once: its pinyin without tones and its initials")
    void oneReadingOneSpelling() {
        assertThat(pinyin("王秀英")).containsExactly("wangxiuying");
        assertThat(initials("王秀英")).containsExactly("wxy");
    }

    @ParameterizedTest(name = "{0} is spelled {1} (initials {2}) among its other readings")
    @CsvSource({
            "曾国藩, zengguofan,  zgf",
            "单田芳, shantianfang, stf",
            "解缙,   xiejin,       xj",
            "仇英,   qiuying,      qy",
            "朴槿惠, piaojinhui,   pjh",
            "区志坚, ouzhijian,    ozj",
            "尉迟恭, yuchigong,    ycg",
    })
    void everySurnameReadingIsSpelled(String name, String surnameReading, String surnameInitials) {
        assertThat(pinyin(name)).contains(surnameReading).hasSizeGreaterThan(1);
        assertThat(initials(name)).contains(surnameInitials);
    }

    @Test
    @DisplayName("ü is spelled v as typed and u; Latin letters stand for themselves; other characters are left out")
    void umlautLatinAndOthers() {
        assertThat(pinyin("吕布")).containsExactlyInAnyOrder("lvbu", "lubu");
        assertThat(initials("吕布")).containsExactly("lb");
        assertThat(pinyin("阿依·Ma")).contains("ayima");
        assertThat(initials("阿依·Ma")).contains("ayma");
    }

    @Test
    @DisplayName("no name, or nothing to spell in it, adds neither field")
    void nothingToSpell() {
        assertThat(spelled(null)).isEmpty();
        assertThat(spelled("·")).isEmpty();
        assertThat(spelled("\u4e06")).as("a character the library has no reading for").isEmpty();
    }

    @Test
    @DisplayName("a name of many polyphonic characters keeps at most 32 spellings, every reading of the surname among them")
    void spellingsAreBounded() {
        String name = "朴单解曾仇区";
        int everyWay = name.chars().map(c -> pinyin(String.valueOf((char) c)).size()).reduce(1, (a, b) -> a * b);
        assertThat(everyWay).isGreaterThan(NamePinyin.MAX_SPELLINGS);
        List<String> spellings = pinyin(name);
        assertThat(spellings).hasSizeLessThanOrEqualTo(NamePinyin.MAX_SPELLINGS).doesNotHaveDuplicates();
        for (String surname : pinyin("朴")) {
            assertThat(spellings).anyMatch(s -> s.startsWith(surname));
        }
        // below the bound, every way is kept
        assertThat(pinyin("朴单")).hasSize(pinyin("朴").size() * pinyin("单").size());
    }
}
