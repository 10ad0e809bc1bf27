package org.fieldvae.field.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.fieldvae.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jhdf.HdfFile;

class Hdf5WriterTest {
    @TempDir
    Path dir;

    @Test
    void lookup3MatchesTheValuesPrintedInLookup3c() {
        // lookup3.c's driver5(): hashlittle("", 0, 0) = deadbeef; "Four score and seven years ago" -> 17770551
        assertEquals(0xdeadbeef, Lookup3.hash(new byte[0], 0));
        byte[] text = "Four score and seven years ago".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0x17770551, Lookup3.hash(text, text.length));
    }

    @Test
    void writesInAnyOrderAndJhdfReadsValuesTypesAndAttributes() throws Exception {
        Path file = dir.resolve("a.h5");
        try (Hdf5Writer w = Hdf5Writer.create(file, false)) {
            Hdf5Writer.Dataset eig = w.dataset("eigenvalues", Hdf5Writer.Type.FLOAT64, 3);
            Hdf5Writer.Dataset modes = w.dataset("modes", Hdf5Writer.Type.FLOAT32, 3, 2, 2);
            Hdf5Writer.Dataset mask = w.dataset("mask", Hdf5Writer.Type.UINT8, 3);
            modes.write(4, new float[] {5, 6, 7, 8, 9, 10, 11, 12}, 0, 8);
            modes.write(0, new float[] {1, 2, 3, 4}, 0, 4);
            eig.write(0, new double[] {Math.PI, Math.E, -1e-300}, 0, 3);
            mask.write(0, new double[] {0, 1, 255}, 0, 3);
            w.attribute("seed", "42");
            w.attribute("note", "");
            w.attribute("unicode", "\u03b8 = 1");
            w.commit();
        }
        try (HdfFile f = new HdfFile(file)) {
            assertArrayEquals(new double[] {Math.PI, Math.E, -1e-300}, (double[]) f.getDatasetByPath("eigenvalues").getData());
            float[][][] m = (float[][][]) f.getDatasetByPath("modes").getData();
            assertArrayEquals(new float[] {11, 12}, m[2][1]);
            assertArrayEquals(new int[] {3, 2, 2}, f.getDatasetByPath("modes").getDimensions());
            assertEquals("42", f.getAttribute("seed").getData());
            assertEquals("", f.getAttribute("note").getData());
            assertEquals("\u03b8 = 1", f.getAttribute("unicode").getData());
            Object bytes = f.getDatasetByPath("mask").getData();
            assertEquals(255, ((Number) java.lang.reflect.Array.get(bytes, 2)).intValue() & 0xff);
        }
    }

    @Test
    void h5pyReadsShapesDtypesValuesAndAttributes() throws Exception {
        Path file = dir.resolve("b.h5");
        try (Hdf5Writer w = Hdf5Writer.create(file, false)) {
            w.dataset("x", Hdf5Writer.Type.FLOAT32, 2, 3).write(0, new double[] {0.5, 1, 2, 3, 4, -7.25}, 0, 6);
            w.dataset("m", Hdf5Writer.Type.UINT8, 2).write(0, new float[] {1, 0}, 0, 2);
            w.dataset("d", Hdf5Writer.Type.FLOAT64, 1, 1).write(0, new double[] {0.1}, 0, 1);
            w.attribute("seed", "7");
            for (int i = 0; i < 40; i++) {
                // more than HDF5's default of 8 compact attributes: the library must still read them from the header
                w.attribute("setting_" + i, "v" + i);
            }
            w.commit();
        }
        assertEquals("41 v39", H5py.run("f = h5py.File(sys.argv[1], 'r'); print(len(f.attrs), f.attrs['setting_39'].decode())", file));
        String out = H5py.run("f = h5py.File(sys.argv[1], 'r'); x = f['x'][()]; m = f['m'][()]\n"
                + "print(x.dtype, x.shape, x.sum(), x[1, 2], m.dtype, list(m), f.attrs['seed'].decode())\n"
                + "print(f['d'].dtype, f['d'].shape, repr(float(f['d'][0, 0])), sorted(f.keys()))", file);
        assertEquals("float32 (2, 3) 3.25 -7.25 uint8 [1, 0] 7\nfloat64 (1, 1) 0.1 ['d', 'm', 'x']", out);
    }

    @Test
    void incompleteOrClosedWithoutCommitLeavesNothing() throws Exception {
        Path file = dir.resolve("c.h5");
        try (Hdf5Writer w = Hdf5Writer.create(file, false)) {
            w.dataset("x", Hdf5Writer.Type.FLOAT32, 4).write(0, new float[] {1, 2}, 0, 2);
            assertThrows(IllegalStateException.class, w::commit);
        }
        try (Hdf5Writer w = Hdf5Writer.create(file, false)) {
            w.dataset("x", Hdf5Writer.Type.FLOAT32, 1).write(0, new float[] {1}, 0, 1);
        }
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void refusesExistingTargetAndMissingDirectoryNamingThem() throws Exception {
        Path file = dir.resolve("d.h5");
        Files.writeString(file, "keep");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Hdf5Writer.create(file, false));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        Path missing = dir.resolve("no/such/dir/e.h5");
        e = assertThrows(InvalidInputException.class, () -> Hdf5Writer.create(missing, true));
        assertTrue(e.getMessage().contains(dir.resolve("no/such/dir").toString()), e.getMessage());
        assertEquals("keep", Files.readString(file));
        try (Hdf5Writer w = Hdf5Writer.create(file, true)) {
            w.dataset("x", Hdf5Writer.Type.FLOAT64, 1).write(0, new double[] {3}, 0, 1);
            w.commit();
        }
        try (HdfFile f = new HdfFile(file)) {
            assertArrayEquals(new double[] {3}, (double[]) f.getDatasetByPath("x").getData());
        }
        assertFalse(Files.list(dir).anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
    }

    @Test
    void rejectsWritesOutsideTheDatasetAndBadNames() throws Exception {
        try (Hdf5Writer w = Hdf5Writer.create(dir.resolve("f.h5"), false)) {
            Hdf5Writer.Dataset x = w.dataset("x", Hdf5Writer.Type.UINT8, 2);
            assertThrows(IllegalArgumentException.class, () -> x.write(1, new float[] {1, 1}, 0, 2));
            assertThrows(IllegalArgumentException.class, () -> x.write(0, new float[] {256}, 0, 1));
            assertThrows(IllegalArgumentException.class, () -> w.dataset("x", Hdf5Writer.Type.UINT8, 2));
            assertThrows(IllegalArgumentException.class, () -> w.dataset("a/b", Hdf5Writer.Type.UINT8, 2));
            assertThrows(IllegalArgumentException.class, () -> w.dataset("z", Hdf5Writer.Type.UINT8, 0));
            assertThrows(IllegalArgumentException.class, () -> w.attribute("big", "x".repeat(Hdf5Writer.MAX_ATTRIBUTE_BYTES)));
        }
    }
}
