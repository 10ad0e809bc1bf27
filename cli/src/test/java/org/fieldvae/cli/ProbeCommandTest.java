package org.fieldvae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * probe interpolate (Eq. 27 of the paper) and probe rotate (Fig. 18) on a 17 x 17 dataset and a tiny two-epoch model;
 * docs/equations.md.
 */
class ProbeCommandTest {
    @TempDir
    static Path dir;

    private static final StringWriter ERR = new StringWriter();

    private static int run(String... args) {
        CommandLine cli = FieldVaeCommand.commandLine();
        cli.setErr(new PrintWriter(ERR, true));
        return cli.execute(args);
    }

    private static String file(String name) {
        return dir.resolve(name).toString();
    }

    @BeforeAll
    static void trainTwoModels() {
        assertEquals(0, run("generate", "--grid", "17", "--n", "16", "--seed", "3", "--out", file("data.hdf5")), ERR::toString);
        for (String seed : List.of("1", "2")) {
            assertEquals(0, run("train", "--data", file("data.hdf5"), "--out", file("m" + seed + ".zip"), "--epochs", "1",
                    "--rec-epochs", "1", "--batch", "16", "--blocks", "1,1,1", "--growth", "2", "--seed", seed),
                    ERR::toString);
        }
    }

    @Test
    void interpolateWritesLossesScoresAndAPlot() throws IOException {
        assertEquals(0, run("probe", "interpolate", "--model", file("m1.zip"), "--from", file("m2.zip"), "--data",
                file("data.hdf5"), "--steps", "3", "--latent-samples", "1", "--scores", "--out", file("line.csv")),
                ERR::toString);
        List<String> lines = Files.readAllLines(dir.resolve("line.csv"));
        assertEquals("alpha,l_rec,l_reg,loss,s_d,s_kl", lines.get(0));
        assertEquals(4, lines.size());
        assertTrue(lines.get(2).startsWith("0.500000000,"), lines.get(2));
        for (String row : lines.subList(1, 4)) {
            for (String v : row.split(",")) {
                assertTrue(Double.isFinite(Double.parseDouble(v)), row);
            }
        }
        assertTrue(Files.size(dir.resolve("line.png")) > 1000, "PNG plot beside the CSV");
        // an existing output is kept without --force
        assertEquals(2, run("probe", "interpolate", "--model", file("m1.zip"), "--data", file("data.hdf5"),
                "--steps", "2", "--out", file("line.csv")));
    }

    @Test
    void interpolateFromInitialisationAndRotate() throws IOException {
        assertEquals(0, run("probe", "interpolate", "--model", file("m1.zip"), "--from-init", "5", "--data",
                file("data.hdf5"), "--steps", "2", "--latent-samples", "1", "--out", file("init.csv")), ERR::toString);
        assertEquals(3, Files.readAllLines(dir.resolve("init.csv")).size());
        assertEquals(0, run("probe", "rotate", "--model", file("m1.zip"), "--data", file("data.hdf5"), "--steps", "4",
                "--latent-samples", "1", "--out", file("rot.csv")), ERR::toString);
        List<String> lines = Files.readAllLines(dir.resolve("rot.csv"));
        assertEquals("phi,l_rec,l_reg", lines.get(0));
        assertEquals(5, lines.size());
        double rec0 = Double.parseDouble(lines.get(1).split(",")[1]);
        double reg0 = Double.parseDouble(lines.get(1).split(",")[2]);
        for (String row : lines.subList(2, 5)) {
            String[] v = row.split(",");
            assertEquals(rec0, Double.parseDouble(v[1]), 1e-6 * Math.abs(rec0), "L_REC is rotation invariant");
            assertEquals(reg0, Double.parseDouble(v[2]), 1e-6 * Math.abs(reg0) + 1e-12, "standard prior: L_REG too");
        }
        assertTrue(Files.isRegularFile(dir.resolve("rot.png")));
    }

    @Test
    void alignmentReadsTheKeptCheckpointsInEpochOrder() throws IOException {
        assertEquals(0, run("train", "--data", file("data.hdf5"), "--out", file("kept.zip"), "--epochs", "4",
                "--rec-epochs", "2", "--batch", "16", "--blocks", "1,1,1", "--growth", "2", "--checkpoint-every", "2",
                "--keep-checkpoints", "--batch-norm-statistics", "running"), ERR::toString);
        assertEquals(0, run("probe", "alignment", "--checkpoints", file("kept.checkpoints"), "--data", file("data.hdf5"),
                "--out", file("align.csv")), ERR::toString);
        List<String> lines = Files.readAllLines(dir.resolve("align.csv"));
        assertEquals("epoch,s_d,largest_angle_deg,angle_deg_1,angle_deg_2", lines.get(0));
        assertEquals(3, lines.size());
        assertTrue(lines.get(1).startsWith("2.0") && lines.get(2).startsWith("4.0"), lines.toString());
        for (String row : lines.subList(1, 3)) {
            String[] v = row.split(",");
            assertTrue(Double.parseDouble(v[1]) >= 0.5 && Double.parseDouble(v[1]) <= 1, row);
            for (int c = 2; c < 5; c++) {
                assertTrue(Double.parseDouble(v[c]) >= 0 && Double.parseDouble(v[c]) <= 45, "p = 2: at most 45 degrees; " + row);
            }
        }
        assertTrue(Files.isRegularFile(dir.resolve("align.png")));
        // the last kept checkpoint is the model the run wrote (with population statistics it would hold the
        // running averages, which a checkpoint keeps to resume from)
        assertEquals(0, run("encode", "--model", file("kept.zip"), "--data", file("data.hdf5"), "--out", file("a.csv")));
        assertEquals(0, run("encode", "--model", file("kept.checkpoints/epoch-00004.zip"), "--data", file("data.hdf5"),
                "--out", file("b.csv")));
        assertEquals(Files.readAllLines(dir.resolve("a.csv")), Files.readAllLines(dir.resolve("b.csv")));
    }

    @Test
    void badInputsExitWithTwoAndWriteNothing() {
        assertEquals(2, run("probe"));
        assertEquals(2, run("probe", "interpolate", "--model", file("m1.zip"), "--from", file("m2.zip"), "--from-init", "3",
                "--data", file("data.hdf5"), "--out", file("x.csv")));
        assertEquals(2, run("probe", "rotate", "--model", file("missing.zip"), "--data", file("data.hdf5"),
                "--out", file("y.csv")));
        assertEquals(2, run("probe", "interpolate", "--model", file("m1.zip"), "--data", file("data.hdf5"),
                "--steps", "1", "--out", file("z.csv")));
        // a run trained without --keep-checkpoints has nothing to probe along training
        assertEquals(2, run("probe", "alignment", "--checkpoints", file("m1.checkpoints"), "--data", file("data.hdf5"),
                "--out", file("w.csv")));
        assertTrue(ERR.toString().contains("holds no epoch-NNNNN.zip; train with --keep-checkpoints"), ERR::toString);
        assertFalse(Files.exists(dir.resolve("w.csv")) || Files.exists(dir.resolve("x.csv")) || Files.exists(dir.resolve("y.csv"))
                || Files.exists(dir.resolve("z.csv")) || Files.exists(dir.resolve("y.png")));
    }
}
