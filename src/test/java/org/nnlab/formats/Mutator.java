package org.nnlab.formats;

import java.util.Arrays;
import java.util.Random;

/**
 * Damages a real file's bytes the ways disks, downloads and hostile users do: flips bits, inserts,
 * deletes and overwrites runs of bytes, truncates, and sets header fields (the first bytes) to
 * extreme values (0, 0xFF, 0x7F, 0x80); {@link #withInt} changes one header field on purpose. The
 * same seed gives the same damage. {@link ParserFuzzing} checks what the parser makes of it.
 */
public final class Mutator {
    /** How many times each fuzz property repeats its body: 1 by default, more with -Dnnlab.fuzz.repeat=N (the long run). */
    public static final int REPEAT = Integer.getInteger("nnlab.fuzz.repeat", 1);
    private static final byte[] EXTREMES = {0, (byte) 0xFF, 0x7F, (byte) 0x80, 1, (byte) 0xFE};

    private Mutator() {
    }

    /** {@code original} with one to four damages drawn from {@code seed}; {@code header} bytes get extreme values more often. */
    public static byte[] mutate(byte[] original, long seed, int header) {
        Random random = new Random(seed);
        byte[] bytes = original.clone();
        int damages = 1 + random.nextInt(4);
        for (int i = 0; i < damages; i++) {
            bytes = damage(bytes, random, header);
        }
        return bytes;
    }

    private static byte[] damage(byte[] bytes, Random random, int header) {
        if (bytes.length == 0) {
            return new byte[] {(byte) random.nextInt()};
        }
        int at = random.nextInt(bytes.length);
        switch (random.nextInt(6)) {
            case 0 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
            case 1 -> {
                byte[] inserted = new byte[1 + random.nextInt(16)];
                random.nextBytes(inserted);
                byte[] longer = new byte[bytes.length + inserted.length];
                System.arraycopy(bytes, 0, longer, 0, at);
                System.arraycopy(inserted, 0, longer, at, inserted.length);
                System.arraycopy(bytes, at, longer, at + inserted.length, bytes.length - at);
                return longer;
            }
            case 2 -> {
                int length = Math.min(bytes.length - at, 1 + random.nextInt(16));
                byte[] shorter = new byte[bytes.length - length];
                System.arraycopy(bytes, 0, shorter, 0, at);
                System.arraycopy(bytes, at + length, shorter, at, bytes.length - at - length);
                return shorter;
            }
            case 3 -> {
                return Arrays.copyOf(bytes, at);
            }
            case 4 -> {
                int field = random.nextInt(Math.min(header, bytes.length));
                int width = Math.min(bytes.length - field, 1 + random.nextInt(4));
                Arrays.fill(bytes, field, field + width, EXTREMES[random.nextInt(EXTREMES.length)]);
            }
            default -> {
                byte[] noise = new byte[Math.min(bytes.length - at, 1 + random.nextInt(8))];
                random.nextBytes(noise);
                System.arraycopy(noise, 0, bytes, at, noise.length);
            }
        }
        return bytes;
    }

    /** {@code original} with the big-endian int32 at {@code offset} set to {@code value}: a header field changed. */
    public static byte[] withInt(byte[] original, int offset, int value) {
        byte[] bytes = original.clone();
        java.nio.ByteBuffer.wrap(bytes).putInt(offset, value);
        return bytes;
    }
}
