package cn.qinglong.dangjian.eventstore.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verifier reads checkpoints however docs/auditors-checkpoints.md tells auditors to keep them. */
class SavedCheckpointsTest {

    private static final CheckpointKey KEY = CheckpointKey.generate();

    @TempDir
    Path folder;

    private record Answer(int exit, String output) {
    }

    @Test
    void answers_of_the_endpoint_kept_over_time_and_joined_with_cat_are_read_as_one_file() throws Exception {
        String monday = endpointAnswer(checkpoint(1, 10, "aa"), checkpoint(2, 20, "bb"));
        String tuesday = endpointAnswer(checkpoint(1, 10, "aa"), checkpoint(2, 20, "bb"), checkpoint(3, 30, "cc"));

        Answer joined = checkpoints(monday + tuesday);
        assertThat(joined.output()).contains("read 3 saved checkpoint(s) signed by key " + KEY.keyId())
                .endsWith("VALID" + System.lineSeparator());
        assertThat(joined.exit()).isZero();
    }

    @Test
    void joined_answers_that_disagree_show_the_fork() throws Exception {
        String before = endpointAnswer(checkpoint(1, 10, "aa"), checkpoint(2, 20, "bb"));
        String rebuilt = endpointAnswer(checkpoint(1, 20, "dd"));

        Answer joined = checkpoints(before + "\n" + rebuilt);
        assertThat(joined.output())
                .contains("INVALID: two different checkpoints numbered 1 are both signed: the log was rebuilt (fork)")
                .contains("INVALID: checkpoints 2 and 1 both sign a tree of 20 events with different roots");
        assertThat(joined.exit()).isEqualTo(1);
    }

    @Test
    void cloud_events_kept_one_a_line_from_amqp_or_the_stream_are_read_beside_an_endpoint_answer() throws Exception {
        String lines = cloudEvent(checkpoint(2, 20, "bb")) + "\n" + cloudEvent(checkpoint(3, 30, "cc")) + "\n";
        Answer mixed = checkpoints(endpointAnswer(checkpoint(1, 10, "aa")) + "\n" + lines);
        assertThat(mixed.output()).contains("read 3 saved checkpoint(s)").endsWith("VALID" + System.lineSeparator());

        Answer one = checkpoints(cloudEvent(checkpoint(1, 10, "aa")));
        assertThat(one.output()).contains("read 1 saved checkpoint(s)").endsWith("VALID" + System.lineSeparator());
    }

    @Test
    void a_file_that_is_not_json_is_an_error_not_a_verdict() throws Exception {
        Answer broken = checkpoints(endpointAnswer(checkpoint(1, 10, "aa")) + "\n{\"number\":");
        assertThat(broken.output()).startsWith("ERROR: not valid JSON").doesNotContain("VALID");
        assertThat(broken.exit()).isEqualTo(2);
    }

    private static Checkpoint checkpoint(long number, long size, String root) {
        return KEY.sign(new Checkpoint(number, size, root.repeat(32), size / 2, "ee".repeat(32), size + 2,
                "2026-12-06T0" + number + ":00:00Z", null, null));
    }

    /** What {@code curl $Q/audit/checkpoints} saves: one object, no newline at the end. */
    private static String endpointAnswer(Checkpoint... checkpoints) {
        StringBuilder json = new StringBuilder("{\"keyId\":\"" + KEY.keyId() + "\",\"checkpoints\":[");
        for (int i = 0; i < checkpoints.length; i++) {
            json.append(i == 0 ? "" : ",").append(checkpoints[i].toJson());
        }
        return json.append("]}").toString();
    }

    private static String cloudEvent(Checkpoint checkpoint) {
        return "{\"specversion\":\"1.0\",\"id\":\"checkpoint-" + checkpoint.number() + "-0011223344556677\","
                + "\"source\":\"/dangjian/audit/checkpoints\",\"type\":\"cn.qinglong.dangjian.audit.Checkpoint.v1\","
                + "\"datacontenttype\":\"application/json\",\"subject\":\"" + checkpoint.number() + "\",\"data\":"
                + checkpoint.toJson() + "}";
    }

    private Answer checkpoints(String saved) throws Exception {
        Path key = Files.writeString(folder.resolve("checkpoint-key.pem"), KEY.publicKeyPem());
        Path file = Files.writeString(folder.resolve("kept.json"), saved);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = Verifier.run(new String[] {"checkpoints", "--key", key.toString(), "--checkpoints",
                file.toString()}, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Answer(exit, bytes.toString(StandardCharsets.UTF_8));
    }
}
