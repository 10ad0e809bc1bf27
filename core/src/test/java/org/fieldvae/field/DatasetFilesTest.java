package org.fieldvae.field;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.fieldvae.InvalidInputException;
import org.fieldvae.Provenance;
import org.fieldvae.field.hdf5.DatasetFormatException;
import org.fieldvae.field.hdf5.H5py;
import org.fieldvae.field.hdf5.Hdf5Writer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetFilesTest {
    private static final int N = 7;
    private static final int P = 2;
    private static final int GRID = 5;

    @TempDir
    Path dir;

    /** Values that are not representable in float32, so a float64 round trip that went through float would fail. */
    private static double[][] theta(int samples) {
        SplittableRandom r = new SplittableRandom(1);
        double[][] t = new double[samples][P];
        for (double[] row : t) {
            for (int k = 0; k < P; k++) {
                row[k] = r.nextDouble(-3, 3);
            }
        }
        return t;
    }

    private static float[][][][] fields(int samples, int channels, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][][][] f = new float[samples][channels][GRID][GRID];
        for (float[][][] s : f) {
            for (float[][] c : s) {
                for (float[] row : c) {
                    for (int j = 0; j < GRID; j++) {
                        row[j] = (float) r.nextGaussian();
                    }
                }
            }
        }
        return f;
    }

    private void write(Path file, DatasetShape shape, double[][] theta, float[][][][] k, float[][][][] u, int chunk) {
        try (DatasetWriter w = DatasetWriter.create(file, shape, Map.of("seed", "42", "design", "lhs"), false)) {
            for (int from = 0; from < shape.samples(); from += chunk) {
                int to = Math.min(shape.samples(), from + chunk);
                w.append(Arrays.copyOfRange(theta, from, to), Arrays.copyOfRange(k, from, to), Arrays.copyOfRange(u, from, to));
            }
            w.commit();
        }
    }

    @Test
    void roundTripsExactlyInBothPrecisionsWithShapesAndAttributes() {
        double[][] theta = theta(N);
        float[][][][] k = fields(N, 1, 2);
        float[][][][] u = fields(N, 3, 3);
        for (Precision precision : Precision.values()) {
            Path file = dir.resolve(precision + ".h5");
            write(file, DatasetShape.of(N, P, GRID).withPrecision(precision), theta, k, u, 3);
            try (DatasetReader r = DatasetReader.open(file)) {
                assertEquals(List.of(N, GRID, P, precision), List.of(r.samples(), r.grid(), r.parameters(), r.precision()));
                assertTrue(r.hasPermeability() && r.hasOutput() && !r.hasLabelled());
                assertNull(r.labelled());
                double[][] back = r.theta();
                for (int s = 0; s < N; s++) {
                    double[] expected = precision == Precision.FLOAT64 ? theta[s]
                            : new double[] {(float) theta[s][0], (float) theta[s][1]};
                    assertArrayEquals(expected, back[s], 0.0);
                }
                assertTrue(Arrays.deepEquals(k, r.permeability(0, N)));
                assertTrue(Arrays.deepEquals(Arrays.copyOfRange(u, 2, 6), r.output(2, 4)));
                assertArrayEquals(new int[] {N, 3, GRID, GRID}, r.hdf5().shape("output"));
                assertArrayEquals(new float[] {u[4][0][0][3], u[4][0][0][4], u[4][0][1][0]},
                        r.hdf5().readFloats("output", 4L * 3 * GRID * GRID + 3, 3));
                assertEquals("42", r.attributes().get("seed"));
                assertEquals("lhs", r.attributes().get("design"));
                assertEquals(Provenance.version(), r.attributes().get("fieldvae_version"));
            }
        }
    }

    @Test
    void chunkedWritingGivesTheSameFileAsWholeWriting() {
        double[][] theta = theta(N);
        float[][][][] k = fields(N, 1, 2);
        float[][][][] u = fields(N, 3, 3);
        write(dir.resolve("chunked.h5"), DatasetShape.of(N, P, GRID), theta, k, u, 2);
        write(dir.resolve("whole.h5"), DatasetShape.of(N, P, GRID), theta, k, u, N);
        try (DatasetReader a = DatasetReader.open(dir.resolve("chunked.h5"));
                DatasetReader b = DatasetReader.open(dir.resolve("whole.h5"))) {
            assertTrue(Arrays.deepEquals(a.theta(), b.theta()));
            assertTrue(Arrays.deepEquals(a.permeability(0, N), b.permeability(0, N)));
            assertTrue(Arrays.deepEquals(a.output(0, N), b.output(0, N)));
        }
    }

    @Test
    void h5pyReadsOurFileLikeTheAuthorsLoader() throws Exception {
        double[][] theta = theta(N);
        float[][][][] u = fields(N, 3, 3);
        Path file = dir.resolve("ours.h5");
        write(file, DatasetShape.of(N, P, GRID), theta, fields(N, 1, 2), u, 4);
        String out = H5py.run("f = h5py.File(sys.argv[1], 'r')\n"
                + "t = f['generative_params'][()]; k = f['permeability']; y = f['output']\n"
                + "print(t.dtype, t.shape, k.dtype, k.shape, y.dtype, y.shape)\n"
                + "print(repr(float(t[3, 1])), repr(float(y[5, 2, 4, 1])), f.attrs['seed'].decode())", file);
        String[] lines = out.split("\n");
        assertEquals("float32 (7, 2) float32 (7, 1, 5, 5) float32 (7, 3, 5, 5)", lines[0]);
        assertEquals(List.of((double) (float) theta[3][1], (double) u[5][2][4][1]),
                List.of(Double.parseDouble(lines[1].split(" ")[0]), Double.parseDouble(lines[1].split(" ")[1])));
        assertEquals("42", lines[1].split(" ")[2]);
    }

    @Test
    void readsAnH5pyWrittenFileInBothPrecisionsWithInt8Labels() throws Exception {
        Path file = dir.resolve("theirs.h5");
        H5py.run("f = h5py.File(sys.argv[1], 'w')\n"
                + "f['generative_params'] = numpy.arange(8, dtype='float64').reshape(4, 2) / 4\n"
                + "f['permeability'] = numpy.arange(4 * 25, dtype='float32').reshape(4, 1, 5, 5)\n"
                + "f['output'] = -numpy.arange(4 * 75, dtype='float64').reshape(4, 3, 5, 5)\n"
                + "f['labelled'] = numpy.array([0, 1, 1, 0], dtype='int8')\n"
                + "f.attrs['seed'] = 5\nf.attrs['design'] = 'mc'\nf.close()", file);
        try (DatasetReader r = DatasetReader.open(file)) {
            assertEquals(List.of(4, 5, 2, Precision.FLOAT64), List.of(r.samples(), r.grid(), r.parameters(), r.precision()));
            assertArrayEquals(new double[] {1.5, 1.75}, r.theta()[3], 0.0);
            assertEquals(2 * 25 + 3 * 5 + 4, r.permeability(2, 1)[0][0][3][4]);
            assertEquals(-(3 * 75 + 2 * 25 + 1 * 5 + 0), r.output(1, 3)[2][2][1][0]);
            assertArrayEquals(new boolean[] {false, true, true, false}, r.labelled());
            assertEquals("5", r.attributes().get("seed"));
            assertEquals("mc", r.attributes().get("design"));
        }
    }

    @Test
    void readsChunkedCompressedH5pyDatasetsThroughJhdf() throws Exception {
        Path file = dir.resolve("chunked.h5");
        H5py.run("f = h5py.File(sys.argv[1], 'w')\n"
                + "f.create_dataset('output', data=numpy.arange(6 * 75, dtype='float32').reshape(6, 3, 5, 5), "
                + "chunks=(2, 3, 5, 5), compression='gzip')\nf.close()", file);
        try (DatasetReader r = DatasetReader.open(file)) {
            assertEquals(List.of(6, 5, 0), List.of(r.samples(), r.grid(), r.parameters()));
            float[][][][] u = r.output(1, 4);
            assertEquals(4, u.length);
            assertEquals(4 * 75 + 2 * 25 + 3 * 5 + 1, u[3][2][3][1]);
            assertEquals(75, u[0][0][0][0]);
            assertArrayEquals(new float[] {449}, r.hdf5().readFloats("output", 449, 1));
        }
    }

    @Test
    void aRejectedChunkWritesNothingSoTheWriterCanGoOn() {
        double[][] theta = theta(N);
        float[][][][] k = fields(N, 1, 2);
        float[][][][] u = fields(N, 3, 3);
        float[][][][] bad = fields(N, 3, 3);
        bad[N - 1][2][4][4] = Float.NaN;
        Path file = dir.resolve("retry.h5");
        try (DatasetWriter w = DatasetWriter.create(file, DatasetShape.of(N, P, GRID), Map.of(), false)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.append(theta, k, bad));
            assertTrue(e.getMessage().contains("output[6][2][4][4]"), e.getMessage());
            assertEquals(0, w.written());
            w.append(theta, k, u);
            w.commit();
        }
        try (DatasetReader r = DatasetReader.open(file)) {
            assertTrue(Arrays.deepEquals(u, r.output(0, N)));
        }
    }

    @Test
    void failedWriteLeavesNoTargetNoTempAndExistingTargetIntact() throws Exception {
        Path fresh = dir.resolve("fresh.h5");
        try (DatasetWriter w = DatasetWriter.create(fresh, DatasetShape.of(N, P, GRID), Map.of(), false)) {
            w.append(theta(2), fields(2, 1, 2), fields(2, 3, 3));
            assertThrows(IllegalArgumentException.class, () -> w.append(theta(2), fields(2, 3, 2), fields(2, 3, 3)));
        }
        Path existing = dir.resolve("existing.h5");
        Files.writeString(existing, "old");
        try (DatasetWriter w = DatasetWriter.create(existing, DatasetShape.of(N, P, GRID), Map.of(), true)) {
            w.append(theta(N), fields(N, 1, 2), fields(N, 3, 3));
            assertThrows(IllegalArgumentException.class, () -> w.labelled(new boolean[N]));
            assertThrows(IllegalArgumentException.class, () -> w.append(theta(1), fields(1, 1, 2), fields(1, 3, 3)));
        }
        try (DatasetWriter w = DatasetWriter.create(existing, DatasetShape.of(N, P, GRID), Map.of(), true)) {
            w.append(theta(3), fields(3, 1, 2), fields(3, 3, 3));
            assertThrows(IllegalStateException.class, w::commit);
        }
        assertEquals("old", Files.readString(existing));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(existing), files.toList());
        }
    }

    @Test
    void refusesToOverwriteWithoutTheFlagAndNamesMissingDirectory() throws Exception {
        Path existing = dir.resolve("x.h5");
        Files.writeString(existing, "old");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> DatasetWriter.create(existing, DatasetShape.of(N, P, GRID), Map.of(), false));
        assertTrue(e.getMessage().contains(existing.toString()));
        Path missing = dir.resolve("nowhere").resolve("y.h5");
        e = assertThrows(InvalidInputException.class,
                () -> DatasetWriter.create(missing, DatasetShape.of(N, P, GRID), Map.of(), false));
        assertTrue(e.getMessage().contains(dir.resolve("nowhere").toString()), e.getMessage());
    }

    @Test
    void readErrorsNameTheFileAndTheWrongShape() throws Exception {
        Path missing = dir.resolve("missing.h5");
        assertTrue(assertThrows(InvalidInputException.class, () -> DatasetReader.open(missing))
                .getMessage().contains(missing.toString()));
        Path text = dir.resolve("text.h5");
        Files.writeString(text, "this is not HDF5 at all, but long enough to look for a superblock in it.....");
        assertTrue(assertThrows(InvalidInputException.class, () -> DatasetReader.open(text))
                .getMessage().contains(text.toString()));
        Path wrong = dir.resolve("wrong.h5");
        try (Hdf5Writer w = Hdf5Writer.create(wrong, false)) {
            w.dataset("permeability", Hdf5Writer.Type.FLOAT32, 2, 1, 3, 3).write(0, new float[18], 0, 18);
            w.dataset("output", Hdf5Writer.Type.FLOAT32, 2, 2, 3, 3).write(0, new float[36], 0, 36);
            w.commit();
        }
        DatasetFormatException f = assertThrows(DatasetFormatException.class, () -> DatasetReader.open(wrong));
        assertEquals(List.of(wrong, "/output", "[2, 3, 3, 3] float32|float64", "[2, 2, 3, 3] float"),
                List.of(f.file(), f.hdf5Path(), f.expected(), f.found()));
        Path mismatch = dir.resolve("mismatch.h5");
        try (Hdf5Writer w = Hdf5Writer.create(mismatch, false)) {
            w.dataset("generative_params", Hdf5Writer.Type.FLOAT64, 3, 2).write(0, new float[6], 0, 6);
            w.dataset("output", Hdf5Writer.Type.FLOAT32, 2, 3, 3, 3).write(0, new float[54], 0, 54);
            w.commit();
        }
        assertEquals("/output", assertThrows(DatasetFormatException.class, () -> DatasetReader.open(mismatch)).hdf5Path());
    }

    @Test
    void withLabelledAddsTheMaskKeepsEverythingElseAndMayReplaceTheInput() throws Exception {
        double[][] theta = theta(N);
        float[][][][] k = fields(N, 1, 2);
        float[][][][] u = fields(N, 3, 3);
        Path file = dir.resolve("data.h5");
        write(file, DatasetShape.of(N, P, GRID).withPrecision(Precision.FLOAT64), theta, k, u, N);
        boolean[] mask = {true, false, false, true, false, false, true};
        assertThrows(InvalidInputException.class, () -> DatasetFiles.withLabelled(file, file, mask, false));
        String before = DatasetFiles.sha256(file);
        DatasetFiles.withLabelled(file, file, mask, Map.of("label_seed", "9"), true);
        assertTrue(!before.equals(DatasetFiles.sha256(file)));
        try (DatasetReader r = DatasetReader.open(file)) {
            assertArrayEquals(mask, r.labelled());
            assertEquals(Precision.FLOAT64, r.precision());
            assertTrue(Arrays.deepEquals(theta, r.theta()));
            assertTrue(Arrays.deepEquals(u, r.output(0, N)));
            assertTrue(Arrays.deepEquals(k, r.permeability(0, N)));
            assertEquals("42", r.attributes().get("seed"));
            assertEquals("9", r.attributes().get("label_seed"));
        }
        assertThrows(IllegalArgumentException.class, () -> DatasetFiles.withLabelled(file, dir.resolve("o.h5"), new boolean[2], false));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void sha256OfAKnownText() throws Exception {
        Path file = dir.resolve("abc.txt");
        Files.writeString(file, "abc");
        // FIPS 180-2, appendix B.1
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", DatasetFiles.sha256(file));
    }
}
