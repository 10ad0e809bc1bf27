package org.fieldvae.field.hdf5;

/**
 * Bob Jenkins' lookup3 {@code hashlittle}, the checksum HDF5 puts on superblocks (version 2 and later) and
 * version 2 object headers, with initial value 0.
 * <pre>
 * B. Jenkins, lookup3.c (public domain), 2006. HDF5 File Format Specification 3.0, section II.A.
 * </pre>
 */
final class Lookup3 {
    private Lookup3() {
    }

    /**
     * @param bytes the bytes to hash, not modified
     * @param length how many leading bytes of {@code bytes} to hash
     */
    static int hash(byte[] bytes, int length) {
        int a = 0xdeadbeef + length;
        int b = a;
        int c = a;
        int k = 0;
        int left = length;
        while (left > 12) {
            a += word(bytes, k, 4);
            b += word(bytes, k + 4, 4);
            c += word(bytes, k + 8, 4);
            // mix(a, b, c)
            a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
            a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
            left -= 12;
            k += 12;
        }
        if (left == 0) {
            return c;
        }
        a += word(bytes, k, Math.min(left, 4));
        b += word(bytes, k + 4, Math.max(0, Math.min(left - 4, 4)));
        c += word(bytes, k + 8, Math.max(0, left - 8));
        // final(a, b, c)
        c ^= b; c -= Integer.rotateLeft(b, 14);
        a ^= c; a -= Integer.rotateLeft(c, 11);
        b ^= a; b -= Integer.rotateLeft(a, 25);
        c ^= b; c -= Integer.rotateLeft(b, 16);
        a ^= c; a -= Integer.rotateLeft(c, 4);
        b ^= a; b -= Integer.rotateLeft(a, 14);
        c ^= b; c -= Integer.rotateLeft(b, 24);
        return c;
    }

    /** Little-endian word of {@code count} (0..4) bytes starting at {@code from}, zero-padded. */
    private static int word(byte[] bytes, int from, int count) {
        int w = 0;
        for (int i = 0; i < count; i++) {
            w |= (bytes[from + i] & 0xff) << (8 * i);
        }
        return w;
    }
}
