package org.fieldvae.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.fieldvae.InvalidInputException;
import org.fieldvae.field.DatasetFiles;
import org.fieldvae.field.DatasetReader;
import org.fieldvae.field.DatasetShape;
import org.fieldvae.field.DatasetWriter;
import org.fieldvae.label.LabelSettings;
import org.fieldvae.label.Labeler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class LabelCommandTest {
    private static final int N = 40;

    @TempDir
    Path dir;
    Path data;
    double[][] theta;
    Exception thrown;
    StringWriter err;

    @BeforeEach
    void dataset() {
        data = dir.resolve("data.h5");
        theta = new double[N][];
        float[][][][] k = new float[N][1][3][3];
        float[][][][] u = new float[N][3][3][3];
        for (int s = 0; s < N; s++) {
            theta[s] = new double[] {s, (s * 7) % N};
            k[s][0][1][2] = s;
            u[s][2][0][1] = -s;
        }
        try (DatasetWriter w = DatasetWriter.create(data, DatasetShape.of(N, 2, 3), Map.of("seed", "1"), false)) {
            w.append(theta, k, u);
            w.commit();
        }
    }

    /** Runs the command as FieldVaeCommand would, recording an exception instead of mapping it. */
    private int run(String... args) {
        CommandLine cli = new CommandLine(new LabelCommand());
        err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setExecutionExceptionHandler((e, c, parsed) -> {
            thrown = e;
            return FieldVaeCommand.isBadInput(e) ? FieldVaeCommand.BAD_INPUT : FieldVaeCommand.INTERNAL_ERROR;
        });
        return cli.execute(args);
    }

    @Test
    void writesTheDatasetWithTheLabellerMaskToOut() {
        Path out = dir.resolve("labelled.h5");
        assertEquals(0, run("--data", data.toString(), "--fraction", "0.1", "--seed", "3", "--stratified", "--out", out.toString()));
        boolean[] expected = Labeler.label(LabelSettings.ofFraction(0.1, 3, true), theta).labelled();
        try (DatasetReader r = DatasetReader.open(out)) {
            assertArrayEquals(expected, r.labelled());
            assertTrue(Arrays.deepEquals(theta, r.theta()));
            assertEquals(-17f, r.output(17, 1)[0][2][0][1]);
            assertEquals("1", r.attributes().get("seed"));
            assertEquals("3", r.attributes().get("label_seed"));
            assertEquals("4", r.attributes().get("label_count"));
            assertEquals(DatasetFiles.sha256(data), r.attributes().get("label_input_sha256"));
        }
        try (DatasetReader r = DatasetReader.open(data)) {
            assertNull(r.labelled());
        }
    }

    @Test
    void replacesTheInputInPlaceOnlyWithForce() {
        String before = DatasetFiles.sha256(data);
        assertEquals(FieldVaeCommand.BAD_INPUT, run("--data", data.toString(), "--count", "5", "--seed", "1"));
        assertInstanceOf(InvalidInputException.class, thrown);
        assertTrue(thrown.getMessage().contains(data.toString()) && thrown.getMessage().contains("--force"));
        assertEquals(before, DatasetFiles.sha256(data));
        assertEquals(0, run("--data", data.toString(), "--count", "5", "--seed", "1", "--force"));
        try (DatasetReader r = DatasetReader.open(data)) {
            assertEquals(5, countTrue(r.labelled()));
        }
    }

    @Test
    void badInputIsExitCodeTwoAndLeavesNoFile() throws Exception {
        Path out = dir.resolve("o.h5");
        assertEquals(FieldVaeCommand.BAD_INPUT, run("--data", data.toString(), "--count", "41", "--seed", "1", "--out", out.toString()));
        assertTrue(thrown.getMessage().contains("count"), thrown.getMessage());
        assertEquals(FieldVaeCommand.BAD_INPUT, run("--data", data.toString(), "--fraction", "2", "--seed", "1", "--out", out.toString()));
        assertTrue(thrown.getMessage().contains("fraction"), thrown.getMessage());
        Path missing = dir.resolve("missing.h5");
        assertEquals(FieldVaeCommand.BAD_INPUT, run("--data", missing.toString(), "--count", "1", "--seed", "1", "--out", out.toString()));
        assertTrue(thrown.getMessage().contains(missing.toString()), thrown.getMessage());
        // picocli's own usage errors: both or neither of --fraction and --count
        assertEquals(CommandLine.ExitCode.USAGE, run("--data", data.toString(), "--count", "1", "--fraction", "0.1", "--seed", "1"));
        assertEquals(CommandLine.ExitCode.USAGE, run("--data", data.toString(), "--seed", "1"));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    private static int countTrue(boolean[] mask) {
        int c = 0;
        for (boolean b : mask) {
            c += b ? 1 : 0;
        }
        return c;
    }
}
