package cn.qinglong.dangjian.eventstore.audit;

import cn.qinglong.dangjian.eventstore.chain.ChainHash;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checker outsiders run, with nothing but a JDK: {@code java -jar event-store-verifier.jar COMMAND --key FILE
 * --checkpoints FILE [--proof FILE]}.
 *
 * <ul>
 *   <li>{@code checkpoints}: every saved checkpoint is signed by the key, and no two of them disagree (two signed
 *       roots for one tree size, or a later checkpoint that is smaller, mean the log was rewritten);</li>
 *   <li>{@code history}: a member's history with its proof ({@code GET /api/members/{id}/history/proof?checkpoint=N})
 *       is exactly what the saved checkpoint N committed to: every event's chain hash recomputed from its stored
 *       bytes, every event in N's log tree at its position, and its last event the stream's head in N's heads
 *       tree, so no event was altered, reordered, inserted or removed, also not the newest;</li>
 *   <li>{@code consistency}: a consistency proof ({@code GET /api/audit/consistency?from=N&to=M}) shows that
 *       checkpoint M's log extends the saved checkpoint N's without changing any of its events.</li>
 * </ul>
 *
 * Saved checkpoints are read from one or more JSON values, one after another: a checkpoint, a CloudEvent whose
 * {@code data} is one (kept from the AMQP feed or the event stream, one a line), a JSON array of either, or an object
 * with a {@code checkpoints} array (the answer of {@code GET /api/audit/checkpoints}); so answers kept over time can be
 * joined with {@code cat} into one file. Prints VALID or INVALID with what broke; exits 0 when valid, 1 when
 * not, 2 when the input cannot be read.
 */
public final class Verifier {

    private static final HexFormat HEX = HexFormat.of();

    private final PrintStream out;
    private final PublicKey key;
    private final Map<Long, Checkpoint> saved = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private Verifier(PrintStream out, PublicKey key) {
        this.out = out;
        this.key = key;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    public static int run(String[] args, PrintStream out) {
        Map<String, String> options = new HashMap<>();
        String command = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i].substring(2), args[++i]);
            } else if (command == null) {
                command = args[i];
            } else {
                return usage(out, "unexpected argument " + args[i]);
            }
        }
        if (command == null || !List.of("checkpoints", "history", "consistency").contains(command)) {
            return usage(out, "name a command: checkpoints, history or consistency");
        }
        if (!options.containsKey("key") || !options.containsKey("checkpoints")
                || (!command.equals("checkpoints") && !options.containsKey("proof"))) {
            return usage(out, "missing --key, --checkpoints" + (command.equals("checkpoints") ? "" : " or --proof"));
        }
        Verifier verifier = null;
        try {
            verifier = new Verifier(out, CheckpointKey.publicKeyFromText(read(options.get("key"))));
            verifier.loadSaved(read(options.get("checkpoints")));
            switch (command) {
                case "history" -> verifier.history(Json.object(Json.parse(read(options.get("proof"))), "the proof"));
                case "consistency" -> verifier.consistency(
                        Json.object(Json.parse(read(options.get("proof"))), "the proof"));
                default -> { }
            }
            return verifier.finish();
        } catch (IllegalArgumentException | IOException e) {
            if (verifier != null && !verifier.problems.isEmpty()) {
                verifier.problems.forEach(problem -> out.println("INVALID: " + problem));
                out.println("INVALID: " + e.getMessage());
                return 1;
            }
            out.println("ERROR: " + e.getMessage());
            return 2;
        }
    }

    private static int usage(PrintStream out, String problem) {
        out.println("ERROR: " + problem);
        out.println("usage: java -jar event-store-verifier.jar checkpoints|history|consistency --key PUBLIC_KEY.pem "
                + "--checkpoints SAVED.json [--proof PROOF.json]");
        return 2;
    }

    private static String read(String file) throws IOException {
        return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    }

    /** Reads every saved checkpoint, refusing those the key did not sign and noting any two that disagree. */
    private void loadSaved(String text) {
        List<Object> items = new ArrayList<>();
        for (Object value : Json.parseAll(text)) {
            if (value instanceof List<?> list) {
                items.addAll(list);
            } else {
                Map<String, Object> object = Json.object(value, "a saved value");
                items.addAll(object.containsKey("checkpoints")
                        ? Json.array(object.get("checkpoints"), "checkpoints") : List.of(object));
            }
        }
        String keyId = CheckpointKey.keyId(key);
        Map<Long, Checkpoint> bySize = new HashMap<>();
        for (Object item : items) {
            Map<String, Object> json = Json.object(item, "a saved checkpoint");
            if (json.containsKey("specversion") && json.containsKey("data")) {
                json = Json.object(json.get("data"), "a CloudEvent's data");
            }
            Checkpoint checkpoint = Checkpoint.fromJson(json);
            if (!keyId.equals(checkpoint.keyId())) {
                problems.add("saved checkpoint " + checkpoint.number() + " names key " + checkpoint.keyId()
                        + ", not the given key " + keyId + ": refused");
                continue;
            }
            if (!CheckpointKey.verify(key, checkpoint)) {
                problems.add("saved checkpoint " + checkpoint.number() + " does not carry a valid signature of key "
                        + keyId + ": refused");
                continue;
            }
            Checkpoint before = saved.get(checkpoint.number());
            if (before != null && !before.sameAs(checkpoint)) {
                problems.add("two different checkpoints numbered " + checkpoint.number()
                        + " are both signed: the log was rebuilt (fork)");
            }
            Checkpoint sameSize = bySize.get(checkpoint.treeSize());
            if (sameSize != null && !sameSize.rootHash().equals(checkpoint.rootHash())) {
                problems.add("checkpoints " + sameSize.number() + " and " + checkpoint.number() + " both sign a tree of "
                        + checkpoint.treeSize() + " events with different roots: the log was rewritten (fork)");
            }
            bySize.putIfAbsent(checkpoint.treeSize(), checkpoint);
            saved.putIfAbsent(checkpoint.number(), checkpoint);
        }
        Checkpoint previous = null;
        for (Checkpoint checkpoint : saved.values().stream()
                .sorted(java.util.Comparator.comparingLong(Checkpoint::number)).toList()) {
            if (previous != null && checkpoint.treeSize() < previous.treeSize()) {
                problems.add("checkpoint " + checkpoint.number() + " holds " + checkpoint.treeSize()
                        + " events, fewer than checkpoint " + previous.number() + " (" + previous.treeSize()
                        + "): the log shrank");
            }
            previous = checkpoint;
        }
        out.println("read " + saved.size() + " saved checkpoint(s) signed by key " + keyId);
    }

    private Checkpoint savedCheckpoint(long number) {
        Checkpoint checkpoint = saved.get(number);
        if (checkpoint == null) {
            throw new IllegalArgumentException("checkpoint " + number + " is not among the saved checkpoints "
                    + "(signed by the given key)");
        }
        return checkpoint;
    }

    private void history(Map<String, Object> proof) {
        String member = Json.text(proof, "memberId");
        Checkpoint served = Checkpoint.fromJson(Json.object(proof.get("checkpoint"), "checkpoint"));
        Checkpoint checkpoint = savedCheckpoint(served.number());
        if (!checkpoint.sameAs(served)) {
            problems.add("the proof is made against a checkpoint " + served.number() + " that is not the one you saved"
                    + " (served: " + served.treeSize() + " events, root " + served.rootHash() + "; saved: "
                    + checkpoint.treeSize() + " events, root " + checkpoint.rootHash() + "): the log was rebuilt");
        }
        byte[] root = HEX.parseHex(checkpoint.rootHash());
        List<Object> events = Json.array(proof.get("events"), "events");
        String previous = ChainHash.GENESIS;
        long expected = 0;
        for (Object item : events) {
            Map<String, Object> event = Json.object(item, "an event");
            long sequence = Json.number(event, "sequence");
            if (sequence != expected) {
                problems.add("member " + member + ": event " + expected + " is missing from the history (next is "
                        + sequence + ")");
                break;
            }
            byte[] metaData = Base64.getDecoder().decode(Json.text(event, "metaData"));
            String stored = ChainHash.hashIn(metaData);
            String computed = ChainHash.compute(previous, new ChainHash.Row(member, sequence,
                    Json.text(event, "payloadType"), Json.textOrNull(event, "payloadRevision"),
                    Json.text(event, "timeStamp"), Base64.getDecoder().decode(Json.text(event, "payload")),
                    metaData));
            if (!computed.equals(stored)) {
                problems.add("member " + member + ", event " + sequence + ": its stored chain hash does not match its"
                        + " content and its predecessor's hash");
                break;
            }
            long leafIndex = Json.number(event, "leafIndex");
            if (!MerkleTree.verifyInclusion(Leaf.hash(member, sequence, computed), leafIndex, checkpoint.treeSize(),
                    hashes(event.get("inclusion")), root)) {
                problems.add("member " + member + ", event " + sequence + " (chain hash " + computed + "): not what "
                        + "checkpoint " + checkpoint.number() + " committed to at position " + leafIndex + " of its "
                        + checkpoint.treeSize() + " events — the event, or one before it in the stream, was altered,"
                        + " inserted, reordered or moved since that checkpoint");
                break;
            }
            previous = computed;
            expected++;
        }
        if (problems.isEmpty()) {
            Map<String, Object> head = Json.object(proof.get("head"), "head");
            long headSequence = Json.number(head, "sequence");
            String headHash = Json.text(head, "chainHash");
            boolean inHeads = MerkleTree.verifyInclusion(Leaf.hash(member, headSequence, headHash),
                    Json.number(head, "index"), checkpoint.headsCount(), hashes(head.get("inclusion")),
                    HEX.parseHex(checkpoint.headsRoot()));
            if (!inHeads) {
                problems.add("member " + member + ": the stream head in the proof (event " + headSequence + ") is not"
                        + " the one checkpoint " + checkpoint.number() + " committed to");
            } else if (headSequence != expected - 1 || !headHash.equals(previous)) {
                problems.add("member " + member + ": checkpoint " + checkpoint.number() + " committed the stream up to"
                        + " event " + headSequence + " (chain hash " + headHash + "), but the history served ends at"
                        + " event " + (expected - 1) + (expected == 0 ? " (no events)" : " (chain hash " + previous
                        + ")") + ": events were removed or rewritten");
            } else {
                out.println("member " + member + ": events 0.." + headSequence + " are exactly what checkpoint "
                        + checkpoint.number() + " (" + checkpoint.treeSize() + " events, " + checkpoint.time()
                        + ") committed to; head chain hash " + headHash);
            }
        }
    }

    private void consistency(Map<String, Object> proof) {
        Checkpoint servedFrom = Checkpoint.fromJson(Json.object(proof.get("from"), "from"));
        Checkpoint servedTo = Checkpoint.fromJson(Json.object(proof.get("to"), "to"));
        Checkpoint from = savedCheckpoint(servedFrom.number());
        if (!from.sameAs(servedFrom)) {
            problems.add("the proof starts from a checkpoint " + servedFrom.number() + " that is not the one you saved"
                    + " (served root " + servedFrom.rootHash() + ", saved root " + from.rootHash()
                    + "): the log was rebuilt");
            return;
        }
        Checkpoint to = saved.get(servedTo.number());
        if (to == null) {
            if (!CheckpointKey.verify(key, servedTo)) {
                problems.add("checkpoint " + servedTo.number() + " in the proof is not signed by the given key: refused");
                return;
            }
            to = servedTo;
        } else if (!to.sameAs(servedTo)) {
            problems.add("the proof ends at a checkpoint " + servedTo.number() + " that is not the one you saved");
            return;
        }
        if (!MerkleTree.verifyConsistency(from.treeSize(), to.treeSize(), HEX.parseHex(from.rootHash()),
                HEX.parseHex(to.rootHash()), hashes(proof.get("proof")))) {
            problems.add("checkpoint " + to.number() + " (" + to.treeSize() + " events) does not extend checkpoint "
                    + from.number() + " (" + from.treeSize() + " events): events committed by checkpoint "
                    + from.number() + " were altered, removed or reordered");
            return;
        }
        out.println("checkpoint " + to.number() + " (" + to.treeSize() + " events, " + to.time() + ") extends checkpoint "
                + from.number() + " (" + from.treeSize() + " events, " + from.time() + ") without changing it");
    }

    private int finish() {
        if (problems.isEmpty()) {
            out.println("VALID");
            return 0;
        }
        problems.forEach(problem -> out.println("INVALID: " + problem));
        return 1;
    }

    private static List<byte[]> hashes(Object value) {
        List<byte[]> hashes = new ArrayList<>();
        for (Object item : Json.array(value, "a proof")) {
            if (!(item instanceof String hex) || hex.length() != 64) {
                throw new IllegalArgumentException("a proof hash is not 64 hex characters");
            }
            hashes.add(HEX.parseHex(hex));
        }
        return hashes;
    }
}
