package cn.qinglong.dangjian.kernel.common;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.kernel.member.MemberEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The list of personal fields in {@code SCHEMA-EVOLUTION.md} is written from the {@link Personal} marks: this test
 * rewrites it, and fails when it had to, so that a stale list is committed neither silently nor by hand.
 */
class PersonalDataDocTest {

    private static final Path DOC = Path.of("SCHEMA-EVOLUTION.md");
    private static final String BEGIN = "<!-- personal-fields:begin -->\n";
    private static final String END = "<!-- personal-fields:end -->";

    static String list() {
        StringBuilder list = new StringBuilder("| event | personal fields |\n| --- | --- |\n");
        for (Class<?> type : MemberEvent.class.getPermittedSubclasses()) {
            String paths = PersonalData.paths(type).stream().map(p -> "`" + p.expression() + "`")
                    .collect(Collectors.joining(", "));
            if (!paths.isEmpty()) {
                list.append("| `").append(type.getSimpleName()).append("` | ").append(paths).append(" |\n");
            }
        }
        return list.toString();
    }

    @Test
    void the_documented_list_of_personal_fields_is_the_declared_one() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int begin = doc.indexOf(BEGIN) + BEGIN.length();
        int end = doc.indexOf(END);
        assertThat(begin).as("markers in " + DOC).isGreaterThan(BEGIN.length() - 1);
        String written = doc.substring(begin, end);
        if (!written.equals(list())) {
            Files.writeString(DOC, doc.substring(0, begin) + list() + doc.substring(end), StandardCharsets.UTF_8);
        }
        assertThat(written).as(DOC + " was stale and has been rewritten: commit it").isEqualTo(list());
    }
}
