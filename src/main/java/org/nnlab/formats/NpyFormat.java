package org.nnlab.formats;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
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
    /** numpy itself writes headers of a few hundred bytes; a larger one is damage, not an array. */
    private static final int MAX_HEADER_BYTES = 1 << 16;
    /** The most elements a Java array holds. */
    private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;
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
        try {
            return read(name, new ByteArrayInputStream(bytes), bytes.length);
        } catch (IOException e) {
            throw new IllegalArgumentException(name + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads one array from a stream that holds at most {@code available} bytes (its file's or zip
     * entry's own size): the header is read and checked first, and the data is read only when the
     * shape it announces fits in what is there, so that a damaged or hostile header (a huge or
     * negative shape, a zero-filled gigabyte) is refused before anything large is allocated.
     * A malformed array is an IllegalArgumentException naming {@code name}.
     */
    public static NpyArray read(String name, InputStream in, long available) throws IOException {
        byte[] prefix = in.readNBytes(MAGIC.length + 2);
        if (prefix.length < MAGIC.length + 2 || !startsWithMagic(prefix)) {
            throw new IllegalArgumentException(name + " is not a .npy array (no \\x93NUMPY header)");
        }
        int major = prefix[6];
        long headerLength;
        if (major == 1) {
            headerLength = littleEndian(in.readNBytes(2), name);
        } else if (major == 2 || major == 3) {
            headerLength = littleEndian(in.readNBytes(4), name);
        } else {
            throw new IllegalArgumentException(name + " has .npy version " + major + "." + prefix[7] + "; nnlab reads 1.0 to 3.0");
        }
        if (headerLength > MAX_HEADER_BYTES || headerLength > available) {
            throw new IllegalArgumentException(name + " announces a header of " + headerLength + " bytes; a .npy header"
                    + " has at most " + MAX_HEADER_BYTES + " and must fit in the file");
        }
        byte[] headerBytes = in.readNBytes((int) headerLength);
        if (headerBytes.length < headerLength) {
            throw new IllegalArgumentException(name + " is truncated inside its header");
        }
        String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = find(DESCR, header, name, "'descr'");
        if (find(FORTRAN, header, name, "'fortran_order'").equals("True")) {
            throw new IllegalArgumentException(name + " is stored in Fortran order; nnlab reads C-order arrays"
                    + " (save it with numpy.ascontiguousarray)");
        }
        int[] shape = parseShape(find(SHAPE, header, name, "'shape'"), name);
        long needed = dataBytes(name, descr, shape);
        long left = available - prefix.length - (major == 1 ? 2 : 4) - headerLength;
        if (needed > left) {
            throw new IllegalArgumentException(name + " is truncated: its shape needs " + needed
                    + " bytes of data, the file has " + Math.max(0, left));
        }
        byte[] data = in.readNBytes((int) needed);
        if (data.length < needed) {
            throw new IllegalArgumentException(name + " is truncated: its shape needs " + needed
                    + " bytes of data, the file has " + data.length);
        }
        return readData(name, descr, shape, ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN));
    }

    private static long littleEndian(byte[] bytes, String name) {
        if (bytes.length < 2 || bytes.length == 3) {
            throw new IllegalArgumentException(name + " is truncated inside its header");
        }
        long value = 0;
        for (int i = bytes.length - 1; i >= 0; i--) {
            value = (value << 8) | (bytes[i] & 0xff);
        }
        return value;
    }

    /**
     * The bytes of data the shape and dtype announce; an unknown dtype, or more elements than a Java
     * array holds, is refused here, before anything is allocated.
     */
    private static long dataBytes(String name, String descr, int[] shape) {
        long elements = 1;
        for (int d : shape) {
            elements *= d;
            if (elements > MAX_ELEMENTS) {
                throw new IllegalArgumentException(name + " has shape (" + joined(shape) + "), more elements than nnlab"
                        + " can hold in one array (" + MAX_ELEMENTS + ")");
            }
        }
        if (descr.equals("<f4")) {
            return 4 * elements;
        }
        if (descr.equals("<f8")) {
            return 8 * elements;
        }
        if (descr.matches("<U[0-9]{1,9}") && shape.length == 0) {
            long length = Long.parseLong(descr.substring(2));
            if (length > MAX_ELEMENTS / 4) {
                throw new IllegalArgumentException(FileFormatException.printable(name) + " has dtype '" + FileFormatException.printable(descr) + "', a string too long to read");
            }
            return 4 * length;
        }
        throw new IllegalArgumentException(FileFormatException.printable(name) + " has dtype '" + FileFormatException.printable(descr)
                + "'; nnlab reads little-endian float32 (<f4), float64 (<f8) and 0-d strings (<U)");
    }

    private static String joined(int[] shape) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(shape.length == 1 ? "," : "").toString();
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
            throw new IllegalArgumentException(FileFormatException.printable(name + " has no " + key
                    + " in its .npy header: " + header.strip()));
        }
        return m.group(1);
    }

    private static int[] parseShape(String text, String name) {
        List<Integer> dims = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                int dimension;
                try {
                    dimension = Integer.parseInt(part.trim().replace("L", ""));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(FileFormatException.printable(name + " has an unreadable shape ("
                            + text + ")"));
                }
                if (dimension < 0) {
                    throw new IllegalArgumentException(name + " has a negative dimension in its shape (" + text + ")");
                }
                dims.add(dimension);
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
                throw new IllegalArgumentException(FileFormatException.printable(name) + " has dtype '" + FileFormatException.printable(descr)
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
