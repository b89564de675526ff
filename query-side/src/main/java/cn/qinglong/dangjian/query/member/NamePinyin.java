package cn.qinglong.dangjian.query.member;

import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.regex;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import net.sourceforge.pinyin4j.PinyinHelper;
import net.sourceforge.pinyin4j.format.HanyuPinyinCaseType;
import net.sourceforge.pinyin4j.format.HanyuPinyinOutputFormat;
import net.sourceforge.pinyin4j.format.HanyuPinyinToneType;
import net.sourceforge.pinyin4j.format.HanyuPinyinVCharType;
import net.sourceforge.pinyin4j.format.exception.BadHanyuPinyinOutputFormatCombination;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * A member's name in the letters people type to find it, kept in the member document beside the name: its pinyin
 * without tones ({@value #PINYIN}: 王秀英 → {@code wangxiuying}) and the initials of its syllables ({@value #INITIALS}:
 * {@code wxy}). pinyin4j has no surname mode, so a character with several readings is spelled every way: 曾国藩 is
 * both {@code zengguofan} and {@code cengguofan}, and a surname's own reading (曾 zeng, 单 shan, 解 xie, 仇 qiu,
 * 朴 piao, 区 ou) is always among them. ü is spelled both {@code v}, as typed, and {@code u}; Latin letters in a name
 * stand for themselves; anything else (·, digits, a character pinyin4j has no reading for) is left out.
 */
final class NamePinyin {

    static final String PINYIN = "namePinyin";
    static final String INITIALS = "nameInitials";

    /**
     * Spellings kept per field: a character whose readings would multiply them beyond it is spelled by its first
     * reading only, so the surname keeps every reading and a name of many polyphonic characters stays small.
     */
    static final int MAX_SPELLINGS = 32;

    private static final HanyuPinyinOutputFormat FORMAT = new HanyuPinyinOutputFormat();

    static {
        FORMAT.setToneType(HanyuPinyinToneType.WITHOUT_TONE);
        FORMAT.setVCharType(HanyuPinyinVCharType.WITH_V);
        FORMAT.setCaseType(HanyuPinyinCaseType.LOWERCASE);
    }

    private NamePinyin() {
    }

    /** Adds both fields for {@code name}; a name that is absent, or has no character to spell, adds neither. */
    static void put(Document document, String name) {
        List<List<String>> readings = readings(name);
        if (readings.isEmpty()) {
            return;
        }
        document.put(PINYIN, spellings(readings));
        document.put(INITIALS, spellings(readings.stream()
                .map(choices -> choices.stream().map(reading -> reading.substring(0, 1)).distinct().toList())
                .toList()));
    }

    /** Keeps the spellings of the document before the event: the name did not change. */
    static void carry(Document document, Document previous) {
        for (String field : new String[] {PINYIN, INITIALS}) {
            if (previous.get(field) != null) {
                document.put(field, previous.get(field));
            }
        }
    }

    /** Members whose name's pinyin or initials contain {@code letters} (a-z, either case). */
    static Bson matching(String letters) {
        Pattern part = Pattern.compile(Pattern.quote(letters.toLowerCase(Locale.ROOT)));
        return or(regex(INITIALS, part), regex(PINYIN, part));
    }

    /** Per character that has any, its readings in the library's order, each once. */
    private static List<List<String>> readings(String name) {
        List<List<String>> readings = new ArrayList<>();
        if (name == null) {
            return readings;
        }
        for (char c : name.toCharArray()) {
            List<String> choices = new ArrayList<>();
            if (c < 128 && Character.isLetter(c)) {
                choices.add(String.valueOf(Character.toLowerCase(c)));
            } else {
                for (String reading : pinyin(c)) {
                    choices.add(reading);
                    if (reading.contains("v")) {
                        choices.add(reading.replace('v', 'u'));
                    }
                }
            }
            List<String> distinct = choices.stream().distinct().toList();
            if (!distinct.isEmpty()) {
                readings.add(distinct);
            }
        }
        return readings;
    }

    private static String[] pinyin(char c) {
        try {
            String[] readings = PinyinHelper.toHanyuPinyinStringArray(c, FORMAT);
            return readings == null ? new String[0] : readings;
        } catch (BadHanyuPinyinOutputFormatCombination e) {
            throw new IllegalStateException("pinyin4j refused the output format", e);
        }
    }

    /** Every way of spelling the characters one after another, at most {@link #MAX_SPELLINGS}. */
    private static List<String> spellings(List<List<String>> readings) {
        List<String> spellings = List.of("");
        for (List<String> choices : readings) {
            List<String> used = spellings.size() * choices.size() <= MAX_SPELLINGS ? choices : choices.subList(0, 1);
            List<String> next = new ArrayList<>();
            for (String start : spellings) {
                for (String reading : used) {
                    next.add(start + reading);
                }
            }
            spellings = next;
        }
        return spellings.stream().distinct().toList();
    }
}
