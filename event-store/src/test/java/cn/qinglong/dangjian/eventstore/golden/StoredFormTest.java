package cn.qinglong.dangjian.eventstore.golden;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.eventstore.personal.PersonalData;
import cn.qinglong.dangjian.eventstore.testing.SampleEvents;
import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundEvent;
import cn.qinglong.dangjian.kernel.member.MemberEvent;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionEvent;
import cn.qinglong.dangjian.kernel.organization.OrganizationEvent;
import cn.qinglong.dangjian.kernel.studyday.StudyDayEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import cn.qinglong.dangjian.kernel.member.MemberId;
import cn.qinglong.dangjian.kernel.member.Rating;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The stored JSON of every event type, held in {@code src/test/resources/golden}. A change to an event's stored
 * form fails here: give the event a new {@code @Revision} and an upcaster instead (see shared-kernel's
 * SCHEMA-EVOLUTION.md). Personal fields are stored encrypted with a random nonce, so their sealed values are
 * compared as {@value #SEALED}. To record the file of a new event type, run once with {@code -Dgolden.record=true}.
 */
@SpringBootTest(properties = {"spring.config.import=classpath:eventstore-defaults.properties",
        "spring.datasource.url=jdbc:h2:mem:golden;MODE=PostgreSQL",
        "eventstore.master-key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="})
class StoredFormTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    static final String SEALED = "{\"$encrypted\":\"…\"}";

    @SpringBootApplication
    static class SerializerOnly {
    }

    @Autowired
    PersonalData personalData;

    @Autowired
    Serializer serializer;

    static Stream<Object> samples() {
        return SampleEvents.all().stream();
    }

    @Test
    @DisplayName("every event type of the published language has a sample and a golden file")
    void everyEventTypeIsCovered() {
        List<Class<?>> types = Stream.of(MemberEvent.class, OrganizationEvent.class, StudyDayEvent.class,
                        EvaluationRoundEvent.class, SuggestionEvent.class,
                        cn.qinglong.dangjian.kernel.notice.NoticeEvent.class,
                        cn.qinglong.dangjian.kernel.meeting.MeetingEvent.class)
                .flatMap(sealed -> Arrays.stream(sealed.getPermittedSubclasses())).toList();
        assertThat(SampleEvents.all()).extracting(Object::getClass).containsExactlyInAnyOrderElementsOf(types);
        assertThat(types).allSatisfy(type -> assertThat(GOLDEN.resolve(type.getSimpleName() + ".json")).exists());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    @DisplayName("an event serializes to exactly its golden JSON, at revision 1, and reads back equal")
    void storedFormIsStable(Object event) throws IOException {
        Serializer eventSerializer = personalData.eventSerializer();
        SerializedObject<byte[]> serialized = eventSerializer.serialize(event, byte[].class);
        String json = new String(serialized.getData(), StandardCharsets.UTF_8)
                .replaceAll("\\{\"\\$encrypted\":\"[A-Za-z0-9+/=]+\"}", java.util.regex.Matcher.quoteReplacement(SEALED));
        Path file = GOLDEN.resolve(event.getClass().getSimpleName() + ".json");
        if (Boolean.getBoolean("golden.record") && !Files.exists(file)) {
            Files.writeString(file, json + "\n");
        }
        assertThat(json).isEqualTo(Files.readString(file).strip());
        assertThat(serialized.getType().getName()).isEqualTo(event.getClass().getName());
        assertThat(serialized.getType().getRevision()).isEqualTo("1");
        Object read = eventSerializer.deserialize(serialized);
        assertThat(read).isEqualTo(event);
    }

    @Test
    @DisplayName("an EvaluationRecorded stored before evaluation rounds existed reads as a period's grade, with no round")
    void evaluationRecordedBeforeRoundsReadsWithoutRound() throws IOException {
        byte[] stored = Files.readAllBytes(Path.of("src/test/resources/events/evaluation-recorded-revision-1-before-rounds.json"));
        Object read = personalData.eventSerializer().deserialize(new SimpleSerializedObject<>(stored, byte[].class,
                MemberEvent.EvaluationRecorded.class.getName(), "1"));
        assertThat(read).isEqualTo(new MemberEvent.EvaluationRecorded(MemberId.of("m-zhang"), "2025",
                Rating.EXCELLENT, LocalDate.of(2026, 11, 10), null));
    }

    @Test
    @DisplayName("a replay token with a context survives a round trip through the serializer (processor restarts)")
    void replayTokensRoundTrip() {
        TrackingToken token = ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(120),
                new GlobalSequenceTrackingToken(7), "rebuild");
        SerializedObject<byte[]> serialized = serializer.serialize(token, byte[].class);
        assertThat((Object) serializer.deserialize(serialized)).isEqualTo(token);
    }
}
