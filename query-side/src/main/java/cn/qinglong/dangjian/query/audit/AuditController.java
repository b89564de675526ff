package cn.qinglong.dangjian.query.audit;

import cn.qinglong.dangjian.eventstore.audit.Checkpoint;
import cn.qinglong.dangjian.eventstore.audit.CheckpointKey;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Signed checkpoints and the consistency proofs between them, for auditors ({@code GET}: committee and auditors),
 * and a checkpoint on demand ({@code POST /api/admin/checkpoints}: the committee).
 */
@RestController
class AuditController {

    private final AuditStore store;
    private final AuditProofs proofs;
    private final CheckpointKey key;
    private final ObjectProvider<Checkpointer> checkpointer;

    AuditController(AuditStore store, AuditProofs proofs, CheckpointKey key, ObjectProvider<Checkpointer> checkpointer) {
        this.store = store;
        this.proofs = proofs;
        this.key = key;
        this.checkpointer = checkpointer;
    }

    record Checkpoints(String keyId, List<Checkpoint> checkpoints) {
    }

    @GetMapping(value = "/api/audit/checkpoints", produces = MediaType.APPLICATION_JSON_VALUE)
    Checkpoints checkpoints() {
        return new Checkpoints(key.keyId(), store.checkpoints());
    }

    @GetMapping(value = "/api/audit/checkpoints/{number}", produces = MediaType.APPLICATION_JSON_VALUE)
    Checkpoint checkpoint(@PathVariable long number) {
        return proofs.checkpoint(number);
    }

    /** The public key, PEM: fetch it once, compare its id with the one published out of band, keep it. */
    @GetMapping(value = "/api/audit/checkpoint-key", produces = "application/x-pem-file")
    String publicKey() {
        return key.publicKeyPem();
    }

    @GetMapping(value = "/api/audit/consistency", produces = MediaType.APPLICATION_JSON_VALUE)
    AuditProofs.ConsistencyProof consistency(@RequestParam long from, @RequestParam long to) {
        return proofs.consistency(from, to);
    }

    /** 201 with a new checkpoint; 200 with the latest when nothing was added since; 409 when another node makes them. */
    @PostMapping(value = "/api/admin/checkpoints", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> checkpointNow() {
        Checkpointer maker = checkpointer.getIfAvailable();
        if (maker == null) {
            return ResponseEntity.status(HttpStatus.CONFLICT)
                    .body(Map.of("detail", "this node does not make checkpoints (checkpoints.enabled=false)"));
        }
        Checkpointer.Outcome outcome = maker.checkpointNow();
        if (outcome instanceof Checkpointer.Outcome.Made made) {
            return ResponseEntity.status(HttpStatus.CREATED).body(made.checkpoint());
        }
        if (outcome instanceof Checkpointer.Outcome.Unchanged unchanged) {
            return ResponseEntity.ok(unchanged.latest());
        }
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("detail",
                outcome instanceof Checkpointer.Outcome.NothingYet ? "no event has been committed yet"
                        : "another node holds the checkpoint lease; ask it, or wait for its cadence"));
    }
}
