package org.fieldvae.field.hdf5;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.fieldvae.AtomicFile;
import org.fieldvae.InvalidInputException;

/**
 * Writes an HDF5 file of contiguous datasets in the root group plus string attributes on the root group,
 * streaming: each dataset's storage is reserved when it is declared and filled by element-range writes in
 * any order, so a 10,000 x 3 x 65 x 65 dataset never needs to be in memory at once. jHDF 0.10 can write
 * HDF5 but only from a whole in-memory array ({@code WritableHdfFile.putDataset(name, Object)}), hence this.
 *
 * <p>File layout: superblock (48 bytes) | data of each dataset in declaration order | dataset object
 * headers | root group object header. Headers are written last, at {@link #commit()}, so attributes may
 * be added at any time; the superblock is written last of all. Encodings: {@link Hdf5Format}.
 *
 * <p>Atomic: everything goes to a temporary file in the target's directory, moved onto the target (with
 * {@code ATOMIC_MOVE} where the file system allows it) only by {@link #commit()} once complete. Closing
 * without commit, or any failure, deletes the temporary file and leaves an existing target untouched.
 */
public final class Hdf5Writer implements AutoCloseable {

    /** Element types of a dataset, all little-endian. */
    public enum Type {
        FLOAT32(4), FLOAT64(8), UINT8(1);

        final int bytes;

        Type(int bytes) {
            this.bytes = bytes;
        }
    }

    /** Largest name plus value of an attribute: a header message's size field is 16 bits, less the encoding. */
    static final int MAX_ATTRIBUTE_BYTES = 65_000;

    private final Path target;
    private final boolean overwrite;
    private final Path temp;
    private final FileChannel channel;
    private final List<Dataset> datasets = new ArrayList<>();
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private long end = Hdf5Format.SUPERBLOCK_SIZE;
    private boolean finished;

    private Hdf5Writer(Path target, boolean overwrite, Path temp, FileChannel channel) {
        this.target = target;
        this.overwrite = overwrite;
        this.temp = temp;
        this.channel = channel;
    }

    /**
     * Starts writing {@code target}.
     *
     * @throws InvalidInputException if the target's directory does not exist, or the target exists and
     *         {@code overwrite} is false, or the temporary file cannot be created
     */
    public static Hdf5Writer create(Path target, boolean overwrite) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new InvalidInputException("cannot write " + target + ": directory " + dir + " does not exist");
        }
        refuseExisting(absolute, overwrite);
        Path temp = null;
        try {
            temp = AtomicFile.createTempBeside(absolute);
            return new Hdf5Writer(absolute, overwrite, temp, FileChannel.open(temp, StandardOpenOption.WRITE));
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new InvalidInputException("cannot write " + target + ": " + org.fieldvae.IoReason.of(e), e);
        }
    }

    private static void refuseExisting(Path target, boolean overwrite) {
        if (!overwrite && Files.exists(target)) {
            throw new InvalidInputException("output file " + target + " exists; allow overwriting (--force) to replace it");
        }
    }

    /** The file this writer will create. */
    public Path target() {
        return target;
    }

    /**
     * Declares a dataset {@code name} of the given type and shape (each extent at least 1) and reserves its
     * storage. Its elements, in row-major (C) order, must each be written once before {@link #commit()}.
     */
    public Dataset dataset(String name, Type type, long... shape) {
        checkOpen();
        if (name.isEmpty() || name.contains("/") || name.getBytes(StandardCharsets.UTF_8).length > 255) {
            throw new IllegalArgumentException("dataset name = \"" + name + "\": must be 1..255 bytes without '/'");
        }
        for (Dataset d : datasets) {
            if (d.name.equals(name)) {
                throw new IllegalArgumentException("dataset name = " + name + ": declared twice");
            }
        }
        long size = 1;
        for (long extent : shape) {
            if (extent < 1) {
                throw new IllegalArgumentException("shape of " + name + " = " + Arrays.toString(shape)
                        + ": each extent must be at least 1");
            }
            size = Math.multiplyExact(size, extent);
        }
        Dataset d = new Dataset(name, type, shape.clone(), size, end);
        end = Math.addExact(end, Math.multiplyExact(size, type.bytes));
        datasets.add(d);
        return d;
    }

    /**
     * Sets a string attribute of the root group (replacing an earlier one of the same name). Name and value
     * together must fit one header message (64 KiB), as in HDF5's compact attribute storage.
     */
    public void attribute(String name, String value) {
        checkOpen();
        org.fieldvae.Check.that(!name.isEmpty(), "attribute name", "must not be empty");
        int bytes = name.getBytes(StandardCharsets.UTF_8).length
                + value.getBytes(StandardCharsets.UTF_8).length;
        org.fieldvae.Check.that(bytes <= MAX_ATTRIBUTE_BYTES, "attribute " + name,
                "name and value must fit " + MAX_ATTRIBUTE_BYTES + " UTF-8 bytes, has " + bytes);
        attributes.put(name, value);
    }

    /**
     * Writes the headers, flushes to disk and moves the file onto the target.
     *
     * @throws IllegalStateException if some dataset element was not written
     */
    public void commit() {
        checkOpen();
        for (Dataset d : datasets) {
            if (d.written != d.size) {
                throw new IllegalStateException("dataset " + d.name + " of " + target + ": " + d.written + " of "
                        + d.size + " elements written");
            }
        }
        try {
            writeHeaders();
            channel.force(true);
            channel.close();
            refuseExisting(target, overwrite);
            move();
            finished = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + org.fieldvae.IoReason.of(e), e);
        } finally {
            if (!finished) {
                close();
            }
        }
    }

    private void writeHeaders() throws IOException {
        long address = end;
        List<Hdf5Format.Message> root = new ArrayList<>();
        root.add(Hdf5Format.linkInfo());
        root.add(Hdf5Format.groupInfo());
        root.add(Hdf5Format.attributeInfo());
        for (Dataset d : datasets) {
            byte[] header = Hdf5Format.objectHeader(List.of(Hdf5Format.dataspace(d.shape), Hdf5Format.datatype(d.type),
                    Hdf5Format.fillValue(), Hdf5Format.contiguousLayout(d.address, d.size * d.type.bytes)));
            write(ByteBuffer.wrap(header), address);
            root.add(Hdf5Format.hardLink(d.name, address));
            address += header.length;
        }
        attributes.forEach((name, value) -> root.add(Hdf5Format.stringAttribute(name, value)));
        byte[] rootHeader = Hdf5Format.objectHeader(root);
        write(ByteBuffer.wrap(rootHeader), address);
        write(ByteBuffer.wrap(Hdf5Format.superblock(address, address + rootHeader.length)), 0);
    }

    private void move() throws IOException {
        try {
            AtomicFile.moveIntoPlace(temp, target, overwrite);
        } catch (FileAlreadyExistsException e) {
            throw new InvalidInputException("output file " + target + " appeared while writing; not replaced", e);
        }
    }

    /** Without a successful {@link #commit()}: deletes the temporary file; the target is not touched. */
    @Override
    public void close() {
        if (finished) {
            return;
        }
        finished = true;
        try {
            channel.close();
        } catch (IOException e) {
            // the temporary file is deleted below either way
        }
        deleteQuietly(temp);
    }

    private static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // nothing else can be done about a temporary file that cannot be deleted
        }
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("writer of " + target + " is already committed or closed");
        }
    }

    private void write(ByteBuffer bytes, long position) throws IOException {
        long at = position;
        while (bytes.hasRemaining()) {
            at += channel.write(bytes, at);
        }
    }

    /** A declared dataset, written by element ranges. */
    public final class Dataset {
        private final String name;
        private final Type type;
        private final long[] shape;
        private final long size;
        private final long address;
        private long written;

        private Dataset(String name, Type type, long[] shape, long size, long address) {
            this.name = name;
            this.type = type;
            this.shape = shape;
            this.size = size;
            this.address = address;
        }

        public String name() {
            return name;
        }

        public Type type() {
            return type;
        }

        public long[] shape() {
            return shape.clone();
        }

        /** Number of elements. */
        public long size() {
            return size;
        }

        /** Writes {@code values[from .. from+count)} as elements {@code first ..}, converted to this type. */
        public void write(long first, float[] values, int from, int count) {
            ByteBuffer b = start(first, count);
            for (int i = from; i < from + count; i++) {
                put(b, values[i]);
            }
            finish(b, first, count);
        }

        /** Writes {@code values[from .. from+count)} as elements {@code first ..}, converted to this type. */
        public void write(long first, double[] values, int from, int count) {
            ByteBuffer b = start(first, count);
            for (int i = from; i < from + count; i++) {
                put(b, values[i]);
            }
            finish(b, first, count);
        }

        private void put(ByteBuffer b, double value) {
            switch (type) {
                case FLOAT32 -> b.putFloat((float) value);
                case FLOAT64 -> b.putDouble(value);
                case UINT8 -> {
                    if (value < 0 || value > 255 || value != Math.rint(value)) {
                        throw new IllegalArgumentException("value " + value + " for uint8 dataset " + name
                                + ": must be an integer in [0, 255]");
                    }
                    b.put((byte) value);
                }
            }
        }

        private ByteBuffer start(long first, int count) {
            checkOpen();
            if (first < 0 || count < 0 || first + count > size) {
                throw new IllegalArgumentException("elements [" + first + ", " + (first + count) + ") of dataset " + name
                        + ": must lie within [0, " + size + ")");
            }
            return Hdf5Format.buffer(count * type.bytes);
        }

        private void finish(ByteBuffer b, long first, int count) {
            b.flip();
            try {
                Hdf5Writer.this.write(b, address + first * type.bytes);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + target + ": " + org.fieldvae.IoReason.of(e), e);
            }
            written += count;
        }
    }
}
