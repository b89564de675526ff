package cn.qinglong.dangjian.eventstore.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Merkle tree hashed as RFC 9162 (Certificate Transparency 2.0), section 2.1: SHA-256, a leaf hashed as
 * {@code SHA-256(0x00 || data)}, an inner node as {@code SHA-256(0x01 || left || right)}, the left subtree of n leaves
 * holding the largest power of two below n, the empty tree {@code SHA-256()}. Inclusion and consistency proofs are
 * the RFC's {@code PATH} and {@code PROOF}; {@link #verifyInclusion} and {@link #verifyConsistency} are its
 * verification algorithms (2.1.3.2 and 2.1.4.2), which the standalone verifier runs.
 *
 * <p>The hashes of every perfect subtree are kept level by level (about two hashes per leaf), so a proof costs
 * O(log² n) once the tree is built. JDK only: the standalone verifier jar carries this class.
 */
public final class MerkleTree {

    public static final int HASH = 32;

    /** levels.get(j): the hashes of the perfect subtrees of 2^j leaves, left to right, flat. */
    private final List<byte[]> levels = new ArrayList<>();
    private final long size;

    /** @param leafHashes {@code size} leaf hashes ({@link #leafHash}) of 32 bytes each, one after another */
    public MerkleTree(byte[] leafHashes, int size) {
        if (leafHashes.length < (long) size * HASH) {
            throw new IllegalArgumentException("fewer leaf hashes than " + size);
        }
        this.size = size;
        byte[] level = leafHashes;
        int count = size;
        levels.add(level);
        MessageDigest digest = sha256();
        while (count > 1) {
            int parents = count / 2;
            byte[] next = new byte[parents * HASH];
            for (int i = 0; i < parents; i++) {
                digest.update((byte) 1);
                digest.update(level, 2 * i * HASH, 2 * HASH);
                System.arraycopy(digest.digest(), 0, next, i * HASH, HASH);
            }
            levels.add(next);
            level = next;
            count = parents;
        }
    }

    private MerkleTree(List<byte[]> levels, long size) {
        this.levels.addAll(levels);
        this.size = size;
    }

    /**
     * This tree with {@code count} more leaves: only the new leaves' ancestors are hashed (the old tree is untouched,
     * so proofs can go on being served from it meanwhile).
     */
    public MerkleTree extended(byte[] newLeafHashes, int count) {
        long total = size + count;
        if (total > Integer.MAX_VALUE / HASH) {
            throw new IllegalArgumentException("too many leaves for one tree: " + total);
        }
        List<byte[]> grown = new ArrayList<>();
        byte[] level = Arrays.copyOf(levels.get(0), (int) total * HASH);
        System.arraycopy(newLeafHashes, 0, level, (int) size * HASH, count * HASH);
        grown.add(level);
        long countAt = total;
        MessageDigest digest = sha256();
        for (int j = 1; countAt > 1; j++) {
            int parents = (int) (countAt / 2);
            byte[] old = j < levels.size() ? levels.get(j) : new byte[0];
            int kept = old.length / HASH;
            byte[] next = Arrays.copyOf(old, parents * HASH);
            byte[] below = grown.get(j - 1);
            for (int i = Math.min(kept, parents); i < parents; i++) {
                digest.update((byte) 1);
                digest.update(below, 2 * i * HASH, 2 * HASH);
                System.arraycopy(digest.digest(), 0, next, i * HASH, HASH);
            }
            grown.add(next);
            countAt = parents;
        }
        return new MerkleTree(grown, total);
    }

    public long size() {
        return size;
    }

    /** The root of the whole tree. */
    public byte[] root() {
        return rootOf(size);
    }

    /** The root of the tree of the first {@code treeSize} leaves: the root a checkpoint of that size signed. */
    public byte[] rootOf(long treeSize) {
        check(treeSize <= size, "tree size " + treeSize + " is beyond the " + size + " leaves");
        return treeSize == 0 ? sha256().digest() : hash(0, treeSize);
    }

    /** RFC 9162 PATH(index, D[0:treeSize]): the sibling hashes from the leaf up to the root. */
    public List<byte[]> inclusionPath(long index, long treeSize) {
        check(index >= 0 && index < treeSize && treeSize <= size, "leaf " + index + " is not in a tree of " + treeSize);
        List<byte[]> path = new ArrayList<>();
        path(index, 0, treeSize, path);
        return path;
    }

    /** RFC 9162 PROOF(first, D[0:second]): that the tree of {@code second} leaves extends that of {@code first}. */
    public List<byte[]> consistencyProof(long first, long second) {
        check(first > 0 && first <= second && second <= size, "no consistency proof from " + first + " to " + second);
        List<byte[]> proof = new ArrayList<>();
        if (first < second) {
            subproof(first, 0, second, true, proof);
        }
        return proof;
    }

    private void path(long index, long from, long to, List<byte[]> into) {
        long n = to - from;
        if (n == 1) {
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (index - from < k) {
            path(index, from, from + k, into);
            into.add(hash(from + k, to));
        } else {
            path(index, from + k, to, into);
            into.add(hash(from, from + k));
        }
    }

    private void subproof(long m, long from, long to, boolean whole, List<byte[]> into) {
        long n = to - from;
        if (m == n) {
            if (!whole) {
                into.add(hash(from, to));
            }
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(m, from, from + k, whole, into);
            into.add(hash(from + k, to));
        } else {
            subproof(m - k, from + k, to, false, into);
            into.add(hash(from, from + k));
        }
    }

    /** MTH(D[from:to]); {@code to - from} is at least 1. */
    private byte[] hash(long from, long to) {
        long n = to - from;
        if (Long.bitCount(n) == 1 && from % n == 0) {
            int level = Long.numberOfTrailingZeros(n);
            int at = (int) (from >>> level) * HASH;
            return Arrays.copyOfRange(levels.get(level), at, at + HASH);
        }
        long k = largestPowerOfTwoBelow(n);
        return node(hash(from, from + k), hash(from + k, to));
    }

    // ---- hashing and verification, as an outsider runs them ----

    /** {@code SHA-256(0x00 || data)}. */
    public static byte[] leafHash(byte[] data) {
        MessageDigest digest = sha256();
        digest.update((byte) 0);
        return digest.digest(data);
    }

    /** {@code SHA-256(0x01 || left || right)}. */
    public static byte[] node(byte[] left, byte[] right) {
        MessageDigest digest = sha256();
        digest.update((byte) 1);
        digest.update(left);
        return digest.digest(right);
    }

    /** RFC 9162 2.1.3.2: whether {@code path} proves the leaf at {@code index} in the tree of {@code treeSize}. */
    public static boolean verifyInclusion(byte[] leafHash, long index, long treeSize, List<byte[]> path,
                                          byte[] root) {
        if (index < 0 || index >= treeSize) {
            return false;
        }
        long fn = index;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = node(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = node(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, root);
    }

    /** RFC 9162 2.1.4.2: whether {@code proof} shows that the tree of {@code second} extends that of {@code first}. */
    public static boolean verifyConsistency(long first, long second, byte[] firstRoot, byte[] secondRoot,
                                            List<byte[]> proof) {
        if (first <= 0 || first > second) {
            return false;
        }
        if (first == second) {
            return proof.isEmpty() && Arrays.equals(firstRoot, secondRoot);
        }
        List<byte[]> c = new ArrayList<>(proof);
        if (Long.bitCount(first) == 1) {
            c.add(0, firstRoot);
        }
        if (c.isEmpty()) {
            return false;
        }
        long fn = first - 1;
        long sn = second - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = c.get(0);
        byte[] sr = c.get(0);
        for (byte[] p : c.subList(1, c.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = node(p, fr);
                sr = node(p, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                sr = node(sr, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return Arrays.equals(fr, firstRoot) && Arrays.equals(sr, secondRoot) && sn == 0;
    }

    static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
