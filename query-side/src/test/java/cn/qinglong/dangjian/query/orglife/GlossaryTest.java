package cn.qinglong.dangjian.query.orglife;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.kernel.meeting.MeetingKind;
import cn.qinglong.dangjian.kernel.notice.NoticeChannel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The dashboard's glossary names meeting kinds and notice channels by the kernel's own labels. */
class GlossaryTest {

    @Test
    void the_dashboards_words_for_meetings_and_channels_are_the_kernels_labels() throws IOException {
        String glossary = Files.readString(Path.of("src/main/resources/static/assets/lib/ui.js"));
        for (MeetingKind kind : MeetingKind.values()) {
            assertThat(glossary).contains(kind.name() + ": '" + kind.label() + "'");
        }
        for (NoticeChannel channel : NoticeChannel.values()) {
            assertThat(glossary).contains(channel.name() + ": '" + channel.label() + "'");
        }
    }
}
