package cn.qinglong.dangjian.eventstore.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tree against RFC 9162's definitions written out literally (MTH, PATH, PROOF by recursion over lists), and every
 * inclusion and consistency proof of every tree up to 40 leaves through the RFC's verification algorithms; then the
 * same proofs with one thing wrong.
 */
class MerkleTreeTest {

    private static final int MAX = 40;

    @Test
    void roots_and_proofs_are_rfc_9162s_and_verify() {
        List<byte[]> data = new ArrayList<>();
        for (int i = 0; i < MAX; i++) {
            data.add(("leaf " + i).getBytes(StandardCharsets.UTF_8));
        }
        MerkleTree tree = tree(data);
        assertThat(tree.rootOf(0)).isEqualTo(MerkleTree.sha256().digest());
        for (int n = 1; n <= MAX; n++) {
            List<byte[]> prefix = data.subList(0, n);
            byte[] root = mth(prefix);
            assertThat(tree.rootOf(n)).as("root of %d", n).isEqualTo(root);
            for (int m = 0; m < n; m++) {
                List<byte[]> path = tree.inclusionPath(m, n);
                assertThat(hex(path)).as("PATH(%d, %d)", m, n).isEqualTo(hex(path(m, prefix)));
                byte[] leaf = MerkleTree.leafHash(data.get(m));
                assertThat(MerkleTree.verifyInclusion(leaf, m, n, path, root)).isTrue();
                assertThat(MerkleTree.verifyInclusion(MerkleTree.leafHash(new byte[] {1}), m, n, path, root)).isFalse();
                if (n > 1) {
                    assertThat(MerkleTree.verifyInclusion(leaf, (m + 1) % n, n, path, root)).as("moved").isFalse();
                }
            }
            for (int m = 1; m <= n; m++) {
                List<byte[]> proof = tree.consistencyProof(m, n);
                assertThat(hex(proof)).as("PROOF(%d, %d)", m, n).isEqualTo(hex(consistency(m, prefix)));
                byte[] first = tree.rootOf(m);
                assertThat(MerkleTree.verifyConsistency(m, n, first, root, proof)).as("%d -> %d", m, n).isTrue();
                if (m < n) {
                    byte[] other = first.clone();
                    other[0] ^= 1;
                    assertThat(MerkleTree.verifyConsistency(m, n, other, root, proof)).isFalse();
                }
            }
        }
    }

    @Test
    void a_tree_extended_leaf_by_leaf_or_in_runs_is_the_tree_built_at_once() {
        List<byte[]> data = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            data.add(("leaf " + i).getBytes(StandardCharsets.UTF_8));
        }
        MerkleTree whole = tree(data);
        for (int step : new int[] {1, 3, 7, 16, 33}) {
            MerkleTree grown = tree(data.subList(0, 1));
            for (int from = 1; from < data.size(); from += step) {
                int to = Math.min(data.size(), from + step);
                MerkleTree before = grown;
                grown = grown.extended(leafHashes(data.subList(from, to)), to - from);
                assertThat(grown.root()).as("%d leaves in runs of %d", to, step).isEqualTo(tree(data.subList(0, to)).root());
                assertThat(before.size()).as("the old tree is untouched").isEqualTo(from);
            }
            assertThat(hex(grown.inclusionPath(5, 70))).isEqualTo(hex(whole.inclusionPath(5, 70)));
            assertThat(hex(grown.consistencyProof(21, 70))).isEqualTo(hex(whole.consistencyProof(21, 70)));
        }
    }

    @Test
    void a_rewritten_leaf_gives_a_tree_that_does_not_extend_the_original() {
        List<byte[]> data = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            data.add(("leaf " + i).getBytes(StandardCharsets.UTF_8));
        }
        byte[] original = tree(data).rootOf(13);
        data.set(5, "forged".getBytes(StandardCharsets.UTF_8));
        MerkleTree rebuilt = tree(data);
        assertThat(MerkleTree.verifyConsistency(13, 20, original, rebuilt.root(), rebuilt.consistencyProof(13, 20)))
                .isFalse();
    }

    private static MerkleTree tree(List<byte[]> data) {
        return new MerkleTree(leafHashes(data), data.size());
    }

    private static byte[] leafHashes(List<byte[]> data) {
        byte[] leaves = new byte[data.size() * MerkleTree.HASH];
        for (int i = 0; i < data.size(); i++) {
            System.arraycopy(MerkleTree.leafHash(data.get(i)), 0, leaves, i * MerkleTree.HASH, MerkleTree.HASH);
        }
        return leaves;
    }

    // ---- RFC 9162 2.1.1, 2.1.3.1 and 2.1.4.1, literally ----

    private static byte[] mth(List<byte[]> d) {
        if (d.size() == 1) {
            return MerkleTree.leafHash(d.get(0));
        }
        int k = Integer.highestOneBit(d.size() - 1);
        return MerkleTree.node(mth(d.subList(0, k)), mth(d.subList(k, d.size())));
    }

    private static List<byte[]> path(int m, List<byte[]> d) {
        List<byte[]> result = new ArrayList<>();
        if (d.size() == 1) {
            return result;
        }
        int k = Integer.highestOneBit(d.size() - 1);
        if (m < k) {
            result.addAll(path(m, d.subList(0, k)));
            result.add(mth(d.subList(k, d.size())));
        } else {
            result.addAll(path(m - k, d.subList(k, d.size())));
            result.add(mth(d.subList(0, k)));
        }
        return result;
    }

    private static List<byte[]> consistency(int m, List<byte[]> d) {
        return subproof(m, d, true);
    }

    private static List<byte[]> subproof(int m, List<byte[]> d, boolean b) {
        List<byte[]> result = new ArrayList<>();
        int n = d.size();
        if (m == n) {
            if (!b) {
                result.add(mth(d));
            }
            return result;
        }
        int k = Integer.highestOneBit(n - 1);
        if (m <= k) {
            result.addAll(subproof(m, d.subList(0, k), b));
            result.add(mth(d.subList(k, n)));
        } else {
            result.addAll(subproof(m - k, d.subList(k, n), false));
            result.add(mth(d.subList(0, k)));
        }
        return result;
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HexFormat.of()::formatHex).toList();
    }

    @SuppressWarnings("unused")
    private static boolean same(byte[] a, byte[] b) {
        return Arrays.equals(a, b);
    }
}
