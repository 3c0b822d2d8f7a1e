package org.nnlab.formats;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code .npy} format (numpy's NEP 1), version 1.0 when writing:
 *
 * <pre>
 *   \x93NUMPY  1 0  HEADER_LEN (uint16, little-endian)  HEADER  DATA
 * </pre>
 *
 * HEADER is a Python dict literal such as {@code {'descr': '<f4', 'fortran_order': False, 'shape': (784, 512), }},
 * padded with spaces and ending in a newline so that the data starts at a multiple of 64 bytes.
 * DATA is the elements in C order, little-endian; a {@code <Un} string is n UTF-32LE code points.
 * Reading also accepts versions 2.0 and 3.0, which differ only in a 4-byte HEADER_LEN.
 */
public final class NpyFormat {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGNMENT = 64;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyFormat() {
    }

    public static byte[] encode(NpyArray array) {
        byte[] data = data(array);
        String dict = "{'descr': '" + descr(array) + "', 'fortran_order': False, 'shape': " + array.shapeText() + ", }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padding = (ALIGNMENT - unpadded % ALIGNMENT) % ALIGNMENT;
        String header = dict + " ".repeat(padding) + "\n";
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 4 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        out.put(header.getBytes(StandardCharsets.US_ASCII)).put(data);
        return out.array();
    }

    private static String descr(NpyArray array) {
        return switch (array.type()) {
            case FLOAT32 -> "<f4";
            case FLOAT64 -> "<f8";
            case UNICODE -> "<U" + Math.max(1, array.text().codePointCount(0, array.text().length()));
        };
    }

    private static byte[] data(NpyArray array) {
        switch (array.type()) {
            case FLOAT32: {
                ByteBuffer b = ByteBuffer.allocate(4 * array.floats().length).order(ByteOrder.LITTLE_ENDIAN);
                b.asFloatBuffer().put(array.floats());
                return b.array();
            }
            case FLOAT64: {
                ByteBuffer b = ByteBuffer.allocate(8 * array.doubles().length).order(ByteOrder.LITTLE_ENDIAN);
                b.asDoubleBuffer().put(array.doubles());
                return b.array();
            }
            default: {
                int[] codePoints = array.text().codePoints().toArray();
                ByteBuffer b = ByteBuffer.allocate(4 * Math.max(1, codePoints.length)).order(ByteOrder.LITTLE_ENDIAN);
                for (int cp : codePoints) {
                    b.putInt(cp);
                }
                return b.array();
            }
        }
    }

    /** Reads one array; {@code name} only labels the error messages. */
    public static NpyArray decode(String name, byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < MAGIC.length + 4 || !startsWithMagic(bytes)) {
            throw new IllegalArgumentException(name + " is not a .npy array (no \\x93NUMPY header)");
        }
        int major = bytes[6];
        in.position(8);
        long headerLength;
        if (major == 1) {
            headerLength = Short.toUnsignedInt(in.getShort());
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new IllegalArgumentException(name + " is truncated inside its header");
            }
            headerLength = Integer.toUnsignedLong(in.getInt());
        } else {
            throw new IllegalArgumentException(name + " has .npy version " + major + "." + bytes[7] + "; nnlab reads 1.0 to 3.0");
        }
        if (in.position() + headerLength > bytes.length) {
            throw new IllegalArgumentException(name + " is truncated inside its header");
        }
        String header = new String(bytes, in.position(), (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        in.position(in.position() + (int) headerLength);
        String descr = find(DESCR, header, name, "'descr'");
        if (find(FORTRAN, header, name, "'fortran_order'").equals("True")) {
            throw new IllegalArgumentException(name + " is stored in Fortran order; nnlab reads C-order arrays"
                    + " (save it with numpy.ascontiguousarray)");
        }
        int[] shape = parseShape(find(SHAPE, header, name, "'shape'"), name);
        return readData(name, descr, shape, in);
    }

    private static boolean startsWithMagic(byte[] bytes) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static String find(Pattern pattern, String header, String name, String key) {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw new IllegalArgumentException(name + " has no " + key + " in its .npy header: " + header.strip());
        }
        return m.group(1);
    }

    private static int[] parseShape(String text, String name) {
        List<Integer> dims = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                try {
                    dims.add(Integer.parseInt(part.trim().replace("L", "")));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(name + " has an unreadable shape (" + text + ")");
                }
            }
        }
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    private static NpyArray readData(String name, String descr, int[] shape, ByteBuffer in) {
        long elements = 1;
        for (int d : shape) {
            elements *= d;
        }
        switch (descr) {
            case "<f4": {
                requireBytes(name, in, elements * 4);
                float[] values = new float[(int) elements];
                in.asFloatBuffer().get(values);
                return new NpyArray(NpyArray.Type.FLOAT32, shape, values, null, null);
            }
            case "<f8": {
                requireBytes(name, in, elements * 8);
                double[] values = new double[(int) elements];
                in.asDoubleBuffer().get(values);
                return new NpyArray(NpyArray.Type.FLOAT64, shape, null, values, null);
            }
            default:
                if (descr.startsWith("<U") && shape.length == 0) {
                    int length = Integer.parseInt(descr.substring(2));
                    requireBytes(name, in, 4L * length);
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i < length; i++) {
                        int cp = in.getInt();
                        if (cp != 0) {
                            sb.appendCodePoint(cp);
                        }
                    }
                    return NpyArray.text(sb.toString());
                }
                throw new IllegalArgumentException(name + " has dtype '" + descr
                        + "'; nnlab reads little-endian float32 (<f4), float64 (<f8) and 0-d strings (<U)");
        }
    }

    private static void requireBytes(String name, ByteBuffer in, long needed) {
        if (in.remaining() < needed) {
            throw new IllegalArgumentException(name + " is truncated: its shape needs " + needed
                    + " bytes of data, the file has " + in.remaining());
        }
    }
}
