package cn.qinglong.dangjian.eventstore.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointKeyTest {

    @TempDir
    Path folder;

    @Test
    void the_embedded_default_generates_an_owner_only_key_file_and_reads_it_back() throws Exception {
        Path file = folder.resolve("data").resolve("checkpoint.key");
        CheckpointKey generated = CheckpointKey.fromFile(file);
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(CheckpointKey.fromFile(file).keyId()).isEqualTo(generated.keyId());
    }

    @Test
    void a_private_key_alone_gives_its_public_key_and_signatures_verify_only_with_it() {
        CheckpointKey key = CheckpointKey.generate();
        String privateOnly = key.toPem().substring(0, key.toPem().indexOf("-----BEGIN PUBLIC KEY-----"));
        CheckpointKey reread = CheckpointKey.fromPem(privateOnly);
        assertThat(reread.publicKeyPem()).isEqualTo(key.publicKeyPem());

        Checkpoint signed = key.sign(new Checkpoint(1, 10, "aa".repeat(32), 3, "bb".repeat(32), 12,
                "2026-12-06T00:00:00Z", null, null));
        assertThat(CheckpointKey.verify(CheckpointKey.publicKeyFromText(key.publicKeyPem()), signed)).isTrue();
        assertThat(CheckpointKey.verify(CheckpointKey.generate().publicKey(), signed)).isFalse();
        Checkpoint altered = new Checkpoint(1, 11, signed.rootHash(), 3, signed.headsRoot(), 12, signed.time(),
                signed.keyId(), signed.signature());
        assertThat(CheckpointKey.verify(key.publicKey(), altered)).isFalse();
        assertThat(Checkpoint.fromJson(Json.object(Json.parse(signed.toJson()), "json"))).isEqualTo(signed);
    }
}
