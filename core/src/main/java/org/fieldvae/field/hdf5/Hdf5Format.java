package org.fieldvae.field.hdf5;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The few HDF5 structures {@link Hdf5Writer} needs, encoded byte for byte after the HDF5 File Format
 * Specification 3.0: a version 2 superblock, version 2 object headers (checksummed), and the messages of a
 * compact "new-style" root group (link info, group info, attribute info, hard links), of contiguous datasets (dataspace v2,
 * datatype v1, fill value v3, layout v3) and of scalar fixed-length UTF-8 string attributes (attribute v3).
 * Offsets and lengths are 8 bytes, everything little-endian. Readable by HDF5 1.8 and later (h5py) and jHDF.
 * <pre>
 * The HDF Group, HDF5 File Format Specification Version 3.0,
 * https://docs.hdfgroup.org/hdf5/develop/_f_m_t3.html
 * </pre>
 */
final class Hdf5Format {
    /** Size of the version 2 superblock with 8-byte offsets; data start right after it. */
    static final int SUPERBLOCK_SIZE = 48;
    /** The "undefined address" of the specification: all bits set. */
    static final long UNDEFINED = -1L;

    private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final int DATASPACE = 1;
    private static final int LINK_INFO = 2;
    private static final int DATATYPE = 3;
    private static final int FILL_VALUE = 5;
    private static final int LINK = 6;
    private static final int LAYOUT = 8;
    private static final int GROUP_INFO = 10;
    private static final int ATTRIBUTE = 12;
    private static final int ATTRIBUTE_INFO = 21;
    /** Object header flags: chunk #0 size stored in 4 bytes; no times, no attribute phase values. */
    private static final int HEADER_FLAGS = 0x02;

    private Hdf5Format() {
    }

    /** One header message: type number and body. */
    record Message(int type, byte[] body) {
    }

    static byte[] superblock(long rootAddress, long endOfFile) {
        ByteBuffer b = buffer(SUPERBLOCK_SIZE);
        b.put(SIGNATURE).put((byte) 2).put((byte) 8).put((byte) 8).put((byte) 0);
        b.putLong(0).putLong(UNDEFINED).putLong(endOfFile).putLong(rootAddress);
        b.putInt(Lookup3.hash(b.array(), SUPERBLOCK_SIZE - 4));
        return b.array();
    }

    /** A version 2 object header holding {@code messages} in one chunk, with its checksum. */
    static byte[] objectHeader(List<Message> messages) {
        int chunk = 0;
        for (Message m : messages) {
            chunk += 4 + m.body().length;
        }
        ByteBuffer b = buffer(4 + 1 + 1 + 4 + chunk + 4);
        b.put("OHDR".getBytes(StandardCharsets.US_ASCII)).put((byte) 2).put((byte) HEADER_FLAGS).putInt(chunk);
        for (Message m : messages) {
            b.put((byte) m.type()).putShort((short) m.body().length).put((byte) 0).put(m.body());
        }
        b.putInt(Lookup3.hash(b.array(), b.position()));
        return b.array();
    }

    /** Link info of a group whose links all sit in its header (no fractal heap, no name index). */
    static Message linkInfo() {
        return new Message(LINK_INFO, buffer(18).put((byte) 0).put((byte) 0).putLong(UNDEFINED).putLong(UNDEFINED).array());
    }

    /**
     * Attribute info of an object whose attributes all sit in its header. HDF5 counts a version 2 header's
     * attributes through this message (without it h5py's {@code len(f.attrs)} is 0, though each attribute reads).
     */
    static Message attributeInfo() {
        return new Message(ATTRIBUTE_INFO, buffer(18).put((byte) 0).put((byte) 0).putLong(UNDEFINED).putLong(UNDEFINED).array());
    }

    static Message groupInfo() {
        return new Message(GROUP_INFO, new byte[] {0, 0});
    }

    /** A hard link named {@code name} (at most 255 UTF-8 bytes) to the object header at {@code address}. */
    static Message hardLink(String name, long address) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        // flags: 1-byte name length (bits 0-1 = 0), no link type field (bit 3 clear: hard link), character set
        // field present (bit 4), which says UTF-8
        ByteBuffer b = buffer(2 + 1 + 1 + n.length + 8);
        b.put((byte) 1).put((byte) 0x10).put((byte) 1).put((byte) n.length).put(n).putLong(address);
        return new Message(LINK, b.array());
    }

    static Message dataspace(long[] shape) {
        ByteBuffer b = buffer(4 + 8 * shape.length);
        b.put((byte) 2).put((byte) shape.length).put((byte) 0).put((byte) (shape.length == 0 ? 0 : 1));
        for (long d : shape) {
            b.putLong(d);
        }
        return new Message(DATASPACE, b.array());
    }

    static Message datatype(Hdf5Writer.Type type) {
        return new Message(DATATYPE, datatypeBody(type));
    }

    private static byte[] datatypeBody(Hdf5Writer.Type type) {
        return switch (type) {
            // class 1 (floating point), version 1; little-endian, implied msb mantissa normalisation; IEEE 754 layout
            case FLOAT32 -> floating(4, 0x1f, 32, 23, 8, 23, 127);
            case FLOAT64 -> floating(8, 0x3f, 64, 52, 11, 52, 1023);
            // class 0 (fixed point), version 1; little-endian, unsigned; offset 0, precision 8 bits
            case UINT8 -> buffer(12).put((byte) 0x10).put((byte) 0).put((byte) 0).put((byte) 0).putInt(1)
                    .putShort((short) 0).putShort((short) 8).array();
        };
    }

    private static byte[] floating(int size, int signBit, int precision, int exponentAt, int exponentBits,
            int mantissaBits, int bias) {
        ByteBuffer b = buffer(20);
        b.put((byte) 0x11).put((byte) 0x20).put((byte) signBit).put((byte) 0).putInt(size);
        b.putShort((short) 0).putShort((short) precision).put((byte) exponentAt).put((byte) exponentBits)
                .put((byte) 0).put((byte) mantissaBits).putInt(bias);
        return b.array();
    }

    /** Fill value v3: storage allocated early, fill written only if set, no fill value defined (zeros). */
    static Message fillValue() {
        return new Message(FILL_VALUE, new byte[] {3, 0x09});
    }

    static Message contiguousLayout(long address, long bytes) {
        return new Message(LAYOUT, buffer(18).put((byte) 3).put((byte) 1).putLong(address).putLong(bytes).array());
    }

    /** A scalar attribute holding {@code value} as a null-padded fixed-length UTF-8 string. */
    static Message stringAttribute(String name, String value) {
        byte[] n = (name + '\0').getBytes(StandardCharsets.UTF_8);
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        byte[] data = v.length == 0 ? new byte[1] : v;
        // class 3 (string), version 1; padding 1 (null pad), character set 1 (UTF-8)
        byte[] type = buffer(8).put((byte) 0x13).put((byte) 0x11).put((byte) 0).put((byte) 0).putInt(data.length).array();
        byte[] space = dataspace(new long[0]).body();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(buffer(9).put((byte) 3).put((byte) 0).putShort((short) n.length).putShort((short) type.length)
                .putShort((short) space.length).put((byte) 1).array());
        out.writeBytes(n);
        out.writeBytes(type);
        out.writeBytes(space);
        out.writeBytes(data);
        return new Message(ATTRIBUTE, out.toByteArray());
    }

    static ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
