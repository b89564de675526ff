package cn.qinglong.dangjian.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/** The regex-free header rules accept exactly what Spring Security's default rules accept. */
class HeaderCharactersTest {

    private static List<String> samples() {
        List<String> samples = new ArrayList<>(List.of("", "Bearer eyJhbGciOiJSUzI1NiJ9.e30.sig", "a\tb", "\t", "a\u0000b",
                "\u007F", "\u0085", "\u009F", "\u00A0", "王书记", "a\u0378b", "\uD83D\uDE00", "\uD83D", "x\uDE00",
                "\r\n", "é", "\uFFFF", "\uFFFE", "\u2028", "\u200B", "\uE000", "\uDB40\uDC01", "\uDBBF\uDFFF"));
        Random random = new Random(20261127);
        int[] ranges = {0x00, 0x20, 0x7E, 0x7F, 0xA0, 0x378, 0x4E00, 0xD7FF, 0xD800, 0xDFFF, 0xE000, 0xFFFF};
        for (int n = 0; n < 20_000; n++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                int pick = random.nextInt(4);
                if (pick == 0) {
                    s.append((char) (0x20 + random.nextInt(0x5F)));
                } else if (pick == 1) {
                    int at = ranges[random.nextInt(ranges.length)];
                    s.append((char) Math.max(0, Math.min(0xFFFF, at + random.nextInt(5) - 2)));
                } else if (pick == 2) {
                    s.append((char) random.nextInt(0x10000));
                } else {
                    s.appendCodePoint(0x10000 + random.nextInt(0x100000));
                }
            }
            samples.add(s.toString());
        }
        return samples;
    }

    @Test
    void accepts_exactly_what_spring_securitys_default_header_rules_accept() {
        int refused = 0;
        for (String s : samples()) {
            assertThat(HeaderCharacters.name(s)).as("name %s", s.codePoints().boxed().toList())
                    .isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_NAMES.test(s));
            assertThat(HeaderCharacters.value(s)).as("value %s", s.codePoints().boxed().toList())
                    .isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(s));
            refused += HeaderCharacters.value(s) ? 0 : 1;
        }
        assertThat(refused).as("the samples include refused values").isGreaterThan(1000);
    }

    @Test
    void the_firewall_refuses_a_header_with_a_control_character_and_passes_a_bearer_token() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/members");
        request.addHeader("Authorization", "Bearer abc.def.ghi");
        request.addHeader("X-Bad", "a\u0000b");
        var checked = HeaderCharacters.firewall().getFirewalledRequest(request);
        assertThat(checked.getHeader("Authorization")).isEqualTo("Bearer abc.def.ghi");
        assertThatThrownBy(() -> checked.getHeader("X-Bad")).isInstanceOf(RequestRejectedException.class);
    }
}
