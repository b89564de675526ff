package cn.qinglong.dangjian.eventstore.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberRelocated;
import cn.qinglong.dangjian.kernel.member.MemberId;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.junit.jupiter.api.Test;

/** Reads a saved JSON of an old revision the way the event store does: through the upcaster chain, then Jackson. */
class UpcastingExampleTest {

    private final Serializer serializer = Jackson3Serializer.builder().build();

    @Test
    void a_revision_0_member_relocated_reads_as_today_s_event_through_its_upcaster() throws IOException {
        Object event = read(new EventUpcasterChain(new MemberRelocatedRevision0Upcaster()));

        assertThat(event).isEqualTo(new MemberRelocated(MemberId.of("m-0001"), "丽华新村3幢201", null,
                LocalDate.of(2024, 5, 1)));
    }

    /** Why an upcaster is needed at all: Jackson 3 ignores unknown fields, so the old fact would lose its address. */
    @Test
    void without_the_upcaster_the_old_revision_silently_loses_its_address() throws IOException {
        MemberRelocated event = (MemberRelocated) read(new EventUpcasterChain());

        assertThat(event.transitionAddress()).isNull();
    }

    private Object read(EventUpcaster upcasters) throws IOException {
        byte[] saved;
        try (InputStream in = getClass().getResourceAsStream("/events/member-relocated-revision-0.json")) {
            saved = in.readAllBytes();
        }
        var stored = new GenericDomainEventEntry<>("Member", "m-0001", 3, "e-0001", "2024-05-01T02:00:00.000Z",
                MemberRelocated.class.getName(), "0", saved, "{}".getBytes());
        return EventStreamUtils.asStream(EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(stored),
                serializer, upcasters)).findFirst().orElseThrow().getPayload();
    }
}
