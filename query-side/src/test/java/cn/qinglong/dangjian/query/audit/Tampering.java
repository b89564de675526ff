package cn.qinglong.dangjian.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.eventstore.audit.Verifier;
import cn.qinglong.dangjian.eventstore.chain.ChainHash;
import cn.qinglong.dangjian.kernel.member.Category;
import cn.qinglong.dangjian.kernel.member.Gender;
import cn.qinglong.dangjian.kernel.member.MemberEvent.DuesPaid;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberRegistered;
import cn.qinglong.dangjian.kernel.member.MemberId;
import cn.qinglong.dangjian.kernel.member.Residence;
import cn.qinglong.dangjian.kernel.member.ResidenceStatus;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import cn.qinglong.dangjian.query.testing.EventLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Both sides of the checkpoint suites: members recorded in the store, the store then altered as someone with write
 * access would, and the auditor's verifier run on the files kept.
 */
final class Tampering {

    private static final OrganizationId BRANCH = OrganizationId.of("o-checkpoint-branch");

    private Tampering() {
    }

    /**
     * Checkpoints only when a test asks for one ({@code checkpoints.every*} far off), and no gap margin: the tests write
     * no events concurrently, so no late commit needs waiting for.
     */
    static void onDemandCheckpoints(DynamicPropertyRegistry registry) {
        registry.add("checkpoints.every-events", () -> "1000000000");
        registry.add("checkpoints.every", () -> "1000d");
        registry.add("checkpoints.poll-interval", () -> "1h");
        registry.add("checkpoints.gap-margin", () -> "0s");
    }

    /** A new member, registered with personal data, followed by these dues payments; answers the member's id. */
    static String member(EventStore eventStore, long... payments) {
        String id = "m-cp-" + UUID.randomUUID().toString().substring(0, 8);
        MemberId member = MemberId.of(id);
        EventLog log = new EventLog().add(new MemberRegistered(member, "王秀英", Gender.F, LocalDate.of(1948, 5, 1),
                LocalDate.of(1972, 7, 1), BRANCH, Set.of(Category.RETIRED),
                new Residence(ResidenceStatus.ORIGINAL, null, null), "13900000000", LocalDate.of(2025, 1, 2)));
        for (long amountFen : payments) {
            log.add(new DuesPaid(member, YearMonth.of(2025, 1), amountFen, LocalDate.of(2025, 1, 20)));
        }
        eventStore.publish(log.messages());
        return id;
    }

    /** The standalone verifier's answer to these arguments; its exit status must say what its words say. */
    static String verifier(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = Verifier.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String output = bytes.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(output).isEqualTo(output.contains("INVALID") ? 1 : 0);
        return output;
    }

    static void rewritePayload(Connection db, String member, long sequence, String from, String to)
            throws SQLException {
        try (PreparedStatement select = db.prepareStatement("SELECT payload FROM DomainEventEntry "
                + "WHERE aggregateIdentifier = ? AND sequenceNumber = ?")) {
            select.setString(1, member);
            select.setLong(2, sequence);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                String payload = new String(row.getBytes(1), StandardCharsets.UTF_8);
                assertThat(payload).contains(from);
                try (PreparedStatement update = db.prepareStatement("UPDATE DomainEventEntry SET payload = ? "
                        + "WHERE aggregateIdentifier = ? AND sequenceNumber = ?")) {
                    update.setBytes(1, payload.replace(from, to).getBytes(StandardCharsets.UTF_8));
                    update.setString(2, member);
                    update.setLong(3, sequence);
                    update.executeUpdate();
                }
            }
        }
    }

    static void setSequence(Connection db, String member, long from, long to) throws SQLException {
        try (PreparedStatement update = db.prepareStatement("UPDATE DomainEventEntry SET sequenceNumber = ? "
                + "WHERE aggregateIdentifier = ? AND sequenceNumber = ?")) {
            update.setLong(1, to);
            update.setString(2, member);
            update.setLong(3, from);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    /** Recomputes every chain hash of the stream from its rows as they now are: what a careful forger does. */
    static void rechain(Connection db, String member) throws SQLException {
        String previous = ChainHash.GENESIS;
        try (PreparedStatement select = db.prepareStatement("SELECT globalIndex, sequenceNumber, payloadType, "
                + "payloadRevision, timeStamp, payload, metaData FROM DomainEventEntry WHERE aggregateIdentifier = ? "
                + "ORDER BY sequenceNumber")) {
            select.setString(1, member);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    byte[] hashed = ChainHash.withoutHash(row.getBytes(7));
                    String hash = ChainHash.compute(previous, member, row.getLong(2), row.getString(3),
                            row.getString(4), row.getString(5), row.getBytes(6), hashed);
                    try (PreparedStatement update = db.prepareStatement(
                            "UPDATE DomainEventEntry SET metaData = ? WHERE globalIndex = ?")) {
                        update.setBytes(1, ChainHash.withHash(hashed, hash));
                        update.setLong(2, row.getLong(1));
                        update.executeUpdate();
                    }
                    previous = hash;
                }
            }
        }
    }
}
