package cn.qinglong.dangjian.eventstore.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.qinglong.dangjian.eventstore.chain.ChainRememberingJdbcEventStorageEngine;
import cn.qinglong.dangjian.eventstore.testing.StoredChain;
import cn.qinglong.dangjian.eventstore.testing.TestEventStoreDatabase;
import cn.qinglong.dangjian.kernel.member.CareNeed;
import cn.qinglong.dangjian.kernel.member.Category;
import cn.qinglong.dangjian.kernel.member.ContactCard;
import cn.qinglong.dangjian.kernel.member.Gender;
import cn.qinglong.dangjian.kernel.member.MemberEvent;
import cn.qinglong.dangjian.kernel.member.MemberEvent.CareNeedsRecorded;
import cn.qinglong.dangjian.kernel.member.MemberEvent.ContactCardUpdated;
import cn.qinglong.dangjian.kernel.member.MemberEvent.DuesPaid;
import cn.qinglong.dangjian.kernel.member.MemberEvent.HouseholdsLinked;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberPersonalDataErased;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberRegistered;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberRelocated;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MembershipEnded;
import cn.qinglong.dangjian.kernel.member.MemberId;
import cn.qinglong.dangjian.kernel.member.MembershipEndReason;
import cn.qinglong.dangjian.kernel.member.Residence;
import cn.qinglong.dangjian.kernel.member.ResidenceStatus;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The personal fields of member events at rest, through the real engine on a fresh store (H2, or PostgreSQL with
 * {@code -Deventstore=postgres}): stored encrypted, read back in clear, and erased for good once the member's key is
 * destroyed, while the stored rows and their chain stay exactly as they were.
 */
@SpringBootTest(properties = "spring.config.import=classpath:eventstore-defaults.properties")
class PersonalDataAtRestTest {

    static final TestEventStoreDatabase DATABASE = TestEventStoreDatabase.create();
    static final String PHONE = "13912345678";
    static final String ADDRESS = "常青村东街12号";
    static final String TRANSITION_ADDRESS = "红梅新村5幢301";
    static final String HOUSEHOLD = "青竹苑3幢101";
    static final LocalDate DAY = LocalDate.of(2026, 11, 10);

    @SpringBootApplication
    static class StoreOnly {
    }

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        DATABASE.springProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    EventStore eventStore;

    @Autowired
    PersonalData personalData;

    @Autowired
    ChainRememberingJdbcEventStorageEngine engine;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transaction;

    @Test
    @DisplayName("the stored event bytes contain no plaintext phone number or address, and read back in clear")
    void stored_bytes_hold_no_plaintext_phone_number_or_address() {
        MemberId member = newMember();
        List<MemberEvent> events = appendedHistory(member);

        List<byte[]> payloads = jdbc.query("SELECT payload FROM DomainEventEntry WHERE aggregateIdentifier = ?",
                (row, i) -> row.getBytes(1), member.value());
        assertThat(payloads).hasSize(events.size());
        String stored = String.join("\n", payloads.stream().map(p -> new String(p, StandardCharsets.UTF_8)).toList());
        assertThat(stored).doesNotContain(PHONE, ADDRESS, TRANSITION_ADDRESS, HOUSEHOLD, "红梅新村", "与老伴同住")
                .contains("\"phone\":{\"$encrypted\":\"", "\"name\":\"张建国\"", "\"amountFen\":200");
        assertThat(payloadsOf(member)).containsExactlyElementsOf(events);
        assertThat(personalData.reveal(MemberRegistered.class.getName(), payloads.get(0)).get("phone").asString())
                .isEqualTo(PHONE);
    }

    @Test
    @DisplayName("after the key is destroyed the personal fields read as erased, every other fact and the chain stay")
    void erasure_shreds_personal_fields_and_keeps_everything_else() {
        MemberId member = newMember();
        List<MemberEvent> events = appendedHistory(member);
        List<byte[]> before = storedPayloads(member);

        transaction.executeWithoutResult(tx -> {
            assertThat(personalData.erase(member.value())).isTrue();
            append(member, events.size(), List.of(new MemberPersonalDataErased(member, DAY)));
        });

        List<MemberEvent> read = payloadsOf(member);
        assertRegistrationAndRelocationReadAsErased(events, read);
        assertThat(((ContactCardUpdated) read.get(2)).card())
                .isEqualTo(new ContactCard(null, null, null, null, null, null, DAY));
        assertThat(((CareNeedsRecorded) read.get(3)).needs()).isEmpty();
        assertThat(((HouseholdsLinked) read.get(4)).households()).containsExactly(null, null);
        assertThat(read.subList(5, events.size())).containsExactlyElementsOf(events.subList(5, events.size()));
        assertThat(read.get(events.size())).isEqualTo(new MemberPersonalDataErased(member, DAY));

        JsonNode revealed = personalData.reveal(MemberRegistered.class.getName(), before.get(0));
        assertThat(revealed.get("phone").toString()).isEqualTo("{\"$erased\":true}");
        assertThat(revealed.get("name").asString()).isEqualTo("张建国");

        List<byte[]> after = storedPayloads(member);
        for (int i = 0; i < before.size(); i++) {
            assertThat(after.get(i)).as("stored payload %d is untouched", i).isEqualTo(before.get(i));
        }
        StoredChain.assertIntact(jdbc, member.value());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM member_data_key WHERE member_id = ? "
                + "AND wrapped_key IS NULL AND erased_at IS NOT NULL", Integer.class, member.value())).isEqualTo(1);
    }

    @Test
    @DisplayName("a reader that uses no personal data reads it sealed: the personal fields as if erased, every other fact as stored, the key kept")
    void a_reader_leaving_personal_data_sealed_reads_it_as_erased() {
        MemberId member = newMember();
        List<MemberEvent> events = appendedHistory(member);
        List<Class<?>> types = List.of(MemberRegistered.class, MemberRelocated.class);

        List<MemberEvent> sealed = readOf(member, types, personalData.eventSerializerLeavingPersonalDataSealed());
        assertThat(sealed).hasSize(2);
        assertRegistrationAndRelocationReadAsErased(events, sealed);

        assertThat(readOf(member, types, personalData.eventSerializer()))
                .as("the same read through the store's serializer opens them, so the key was left as it was")
                .containsExactly(events.get(0), events.get(1));
    }

    @Test
    @DisplayName("an event read again is decoded once (the same object), until this node erases the member's key")
    void decoded_events_are_shared_until_this_node_erases() {
        MemberId member = newMember();
        List<MemberEvent> events = appendedHistory(member);

        List<MemberEvent> first = payloadsOf(member);
        List<MemberEvent> second = payloadsOf(member);
        assertThat(first).containsExactlyElementsOf(events);
        for (int i = 0; i < events.size(); i++) {
            assertThat(second.get(i)).as("event %d", i).isSameAs(first.get(i));
        }

        transaction.executeWithoutResult(tx -> personalData.erase(member.value()));
        assertThat(((MemberRegistered) payloadsOf(member).get(0)).phone()).isNull();
    }

    @Test
    @DisplayName("reading an erasure another node recorded drops what was decoded with the destroyed key")
    void reading_an_erasure_drops_decoded_events() {
        MemberId member = newMember();
        List<MemberEvent> events = appendedHistory(member);
        assertThat(((MemberRegistered) payloadsOf(member).get(0)).phone()).isEqualTo(PHONE);

        // another node destroys the key and records the erasure; this node only reads the event
        jdbc.update("UPDATE member_data_key SET wrapped_key = NULL, erased_at = CURRENT_TIMESTAMP WHERE member_id = ?",
                member.value());
        append(member, events.size(), List.of(new MemberPersonalDataErased(member, DAY)));
        assertThat(payloadsOf(member).get(events.size())).isEqualTo(new MemberPersonalDataErased(member, DAY));

        assertThat(((MemberRegistered) payloadsOf(member).get(0)).phone()).isNull();
        assertThat(((ContactCardUpdated) payloadsOf(member).get(2)).card().phone()).isNull();
    }

    @Test
    @DisplayName("no new personal data is recorded for a member whose data was erased")
    void no_key_is_created_again_after_erasure() {
        MemberId member = newMember();
        append(member, history(member).subList(0, 1));
        transaction.executeWithoutResult(tx -> personalData.erase(member.value()));

        assertThatThrownBy(() -> append(member, 1, List.of(new MemberRelocated(member, TRANSITION_ADDRESS, null, DAY))))
                .hasStackTraceContaining("was erased");
        assertThat(storedPayloads(member)).hasSize(1);
    }

    @Test
    @DisplayName("a sealed value moved into another member's event does not open")
    void sealed_values_are_bound_to_their_member() {
        MemberId one = newMember();
        MemberId other = newMember();
        append(one, history(one).subList(0, 1));
        append(other, history(other).subList(0, 1));
        String stored = new String(storedPayloads(one).get(0), StandardCharsets.UTF_8);
        byte[] moved = stored.replace(one.value(), other.value()).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> personalData.reveal(MemberRegistered.class.getName(), moved))
                .hasMessageContaining("does not open");
    }

    @Test
    @DisplayName("a snapshot is stored sealed, reads back, and is dropped when the member's data is erased")
    void snapshots_are_sealed_and_dropped_on_erasure() {
        MemberId member = newMember();
        List<MemberEvent> events = appendedHistory(member);
        eventStore.storeSnapshot(new GenericDomainEventMessage<>("Member", member.value(), events.size() - 1,
                events.get(0)));

        byte[] snapshot = jdbc.queryForObject("SELECT payload FROM SnapshotEventEntry WHERE aggregateIdentifier = ?",
                byte[].class, member.value());
        assertThat(new String(snapshot, StandardCharsets.UTF_8)).startsWith("{\"$sealed\":\"")
                .doesNotContain(PHONE, ADDRESS, "张建国");
        assertThat(eventStore.readEvents(member.value()).asStream().findFirst().orElseThrow().getPayload())
                .isEqualTo(events.get(0));

        transaction.executeWithoutResult(tx -> personalData.erase(member.value()));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM SnapshotEventEntry WHERE aggregateIdentifier = ?",
                Integer.class, member.value())).isZero();
    }

    @Test
    @DisplayName("the master key file is generated once, readable by its owner only, and reused")
    void master_key_file_is_generated_once(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("data/master.key");
        MasterKey first = MasterKey.fromFile(file);
        String content = Files.readString(file);
        MasterKey again = MasterKey.fromFile(file);

        assertThat(Files.readString(file)).isEqualTo(content);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        var key = Aead.newKey();
        assertThat(again.unwrap(first.wrap(key, "m-1"), "m-1").getEncoded()).isEqualTo(key.getEncoded());
        assertThatThrownBy(() -> MasterKey.fromFile(folder.resolve("other.key")).unwrap(first.wrap(key, "m-1"), "m-1"))
                .hasMessageContaining("does not open");
    }

    private static MemberId newMember() {
        return MemberId.of("m-" + UUID.randomUUID().toString().substring(0, 8));
    }

    private static List<MemberEvent> history(MemberId member) {
        return List.of(
                new MemberRegistered(member, "张建国", Gender.M, LocalDate.of(1948, 3, 1), LocalDate.of(1972, 7, 1),
                        OrganizationId.of("changqing-1"), Set.of(Category.FARMER),
                        new Residence(ResidenceStatus.ORIGINAL, null, ADDRESS), PHONE, LocalDate.of(2020, 1, 1)),
                new MemberRelocated(member, TRANSITION_ADDRESS, OrganizationId.of("changqing-area-2"), DAY),
                new ContactCardUpdated(member, new ContactCard("红梅新村", PHONE, "租房", "思想稳定", "退休", "与老伴同住", DAY)),
                new CareNeedsRecorded(member, Set.of(CareNeed.FRAIL), DAY),
                new HouseholdsLinked(member, List.of(HOUSEHOLD, "青竹苑3幢102"), DAY),
                new DuesPaid(member, YearMonth.of(2026, 10), 200, DAY),
                new MembershipEnded(member, MembershipEndReason.DECEASED, DAY));
    }

    /** Appends the member's {@link #history} to the store; answers it. */
    private List<MemberEvent> appendedHistory(MemberId member) {
        List<MemberEvent> events = history(member);
        append(member, events);
        return events;
    }

    private void append(MemberId member, List<MemberEvent> events) {
        append(member, 0, events);
    }

    private void append(MemberId member, long firstSequence, List<MemberEvent> events) {
        List<DomainEventMessage<?>> messages = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            messages.add(new GenericDomainEventMessage<>("Member", member.value(), firstSequence + i, events.get(i),
                    MetaData.with("actor", "secretary-wang")));
        }
        eventStore.publish(messages);
    }

    /** The history's registration and relocation as read: the personal fields blank, every other fact as recorded. */
    private static void assertRegistrationAndRelocationReadAsErased(List<MemberEvent> recorded, List<MemberEvent> read) {
        var registered = (MemberRegistered) read.get(0);
        assertThat(registered.phone()).isNull();
        assertThat(registered.residence()).isEqualTo(new Residence(ResidenceStatus.ORIGINAL, null, null));
        assertThat(registered).usingRecursiveComparison().ignoringFields("phone", "residence")
                .isEqualTo(recorded.get(0));
        assertThat(((MemberRelocated) read.get(1)).transitionAddress()).isNull();
        assertThat(((MemberRelocated) read.get(1)).areaId()).isEqualTo(OrganizationId.of("changqing-area-2"));
    }

    /** The member's events of these types, read by type in global order through {@code serializer}. */
    private List<MemberEvent> readOf(MemberId member, List<Class<?>> types, Serializer serializer) {
        List<MemberEvent> read = new ArrayList<>();
        engine.readInGlobalOrder(types, Long.MAX_VALUE, 100, serializer, message -> {
            if (message.getPayload() instanceof MemberEvent event && event.memberId().equals(member)) {
                read.add(event);
            }
        });
        return read;
    }

    private List<MemberEvent> payloadsOf(MemberId member) {
        return eventStore.readEvents(member.value()).asStream().map(m -> (MemberEvent) m.getPayload()).toList();
    }

    private List<byte[]> storedPayloads(MemberId member) {
        return jdbc.query("SELECT payload FROM DomainEventEntry WHERE aggregateIdentifier = ? ORDER BY sequenceNumber",
                (row, i) -> row.getBytes(1), member.value());
    }
}
