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

import org.fieldvae.field.DatasetReader;
import org.fieldvae.field.hdf5.Hdf5File;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** The commands chained as a user runs them, on a 17 x 17 grid and a tiny network. */
class PipelineCommandsTest {

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = FieldVaeCommand.commandLine();
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void generateLabelTrainEncodeScoreDecode() throws IOException {
        assertEquals(0, run("generate", "--grid", "17", "--n", "64", "--seed", "3", "--out", file("train.hdf5")), err::toString);
        try (DatasetReader data = DatasetReader.open(dir.resolve("train.hdf5"))) {
            assertEquals(64, data.samples());
            assertEquals(17, data.grid());
            assertEquals(2, data.parameters());
        }
        assertEquals(0, run("label", "--data", file("train.hdf5"), "--count", "8", "--seed", "2", "--force"), err::toString);
        assertEquals(0, run("train", "--data", file("train.hdf5"), "--out", file("model.zip"), "--epochs", "2",
                "--rec-epochs", "1", "--batch", "16", "--blocks", "1,1,1", "--growth", "2", "--semi-supervised"), err::toString);
        assertTrue(Files.isRegularFile(dir.resolve("model.csv")), "history CSV beside the model");
        assertEquals(0, run("encode", "--model", file("model.zip"), "--data", file("train.hdf5"), "--out", file("z.csv")), err::toString);
        List<String> lines = Files.readAllLines(dir.resolve("z.csv"));
        assertEquals("z_mean_1,z_mean_2,z_logvar_1,z_logvar_2,theta_1,theta_2,labelled", lines.get(0));
        assertEquals(65, lines.size());
        assertEquals(0, run("score", "--latents", file("z.csv"), "--out", file("scores.json")), err::toString);
        assertTrue(Files.readString(dir.resolve("scores.json")).contains("\"s_d\""), "scores JSON has S_D");
        assertEquals(0, run("decode", "--model", file("model.zip"), "--latents", file("z.csv"), "--out", file("dec.hdf5")), err::toString);
        try (DatasetReader decoded = DatasetReader.open(dir.resolve("dec.hdf5"))) {
            assertEquals(64, decoded.samples());
            assertEquals(3, decoded.output(0, 1)[0].length);
        }
    }

    /** A short fast run without --batch gets smaller minibatches (TrainingSchedule.fastBatch); --batch overrides. */
    @Test
    void aShortFastRunChoosesASmallerBatch() {
        assertEquals(0, run("generate", "--grid", "17", "--n", "20", "--seed", "1", "--out", file("d.hdf5")), err::toString);
        assertEquals(0, run("train", "--data", file("d.hdf5"), "--out", file("m.zip"), "--epochs", "2", "--rec-epochs", "1",
                "--blocks", "1,1,1", "--growth", "2"), err::toString);
        try (org.fieldvae.vae.TrainedModel model = org.fieldvae.vae.TrainedModel.load(dir.resolve("m.zip"))) {
            assertEquals(8, model.settings().schedule().batch());
        }
        assertEquals(0, run("train", "--data", file("d.hdf5"), "--out", file("m64.zip"), "--epochs", "2",
                "--rec-epochs", "1", "--blocks", "1,1,1", "--growth", "2", "--batch", "64"), err::toString);
        try (org.fieldvae.vae.TrainedModel model = org.fieldvae.vae.TrainedModel.load(dir.resolve("m64.zip"))) {
            assertEquals(64, model.settings().schedule().batch());
        }
    }

    @Test
    void solveReplacesOutputOfAGeneratedDataset() {
        assertEquals(0, run("generate", "--grid", "9", "--n", "5", "--out", file("a.hdf5")), err::toString);
        assertEquals(0, run("solve", "--permeability", file("a.hdf5"), "--out", file("b.hdf5")), err::toString);
        try (DatasetReader a = DatasetReader.open(dir.resolve("a.hdf5"));
                DatasetReader b = DatasetReader.open(dir.resolve("b.hdf5"))) {
            float[][][][] expected = a.output(0, 5);
            float[][][][] solved = b.output(0, 5);
            for (int s = 0; s < 5; s++) {
                for (int c = 0; c < 3; c++) {
                    for (int i = 0; i < 9; i++) {
                        org.junit.jupiter.api.Assertions.assertArrayEquals(expected[s][c][i], solved[s][c][i],
                                "solve reproduces generate's own solution");
                    }
                }
            }
        }
    }

    @Test
    void kleBasisWritesEigenvaluesAndModes() {
        assertEquals(0, run("kle-basis", "--grid", "9", "--modes", "5", "--out", file("basis.hdf5")), err::toString);
        try (Hdf5File basis = Hdf5File.open(dir.resolve("basis.hdf5"))) {
            double[] eigenvalues = basis.readDoubles("eigenvalues");
            assertEquals(5, eigenvalues.length);
            for (int k = 1; k < 5; k++) {
                assertTrue(eigenvalues[k] <= eigenvalues[k - 1], "decreasing eigenvalues");
            }
            org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {5, 9, 9}, basis.shape("modes"));
        }
    }

    @Test
    void scaledPriorTakesOneVariancePerLatentDimension() {
        assertEquals(0, run("generate", "--grid", "17", "--n", "16", "--out", file("d.hdf5")), err::toString);
        assertEquals(0, run("train", "--data", file("d.hdf5"), "--out", file("m3.zip"), "--epochs", "1", "--rec-epochs", "0",
                "--batch", "8", "--blocks", "1,1,1", "--growth", "2", "--latent", "3", "--prior", "scaled",
                "--prior-variances", "1,2,3"), err::toString);
        assertEquals(2, run("train", "--data", file("d.hdf5"), "--out", file("m2.zip"), "--epochs", "1",
                "--latent", "3", "--prior", "scaled", "--prior-variances", "1,2"));
        assertTrue(err.toString().contains("--prior-variances"), err::toString);
    }

    @Test
    void badInputIsExitCodeTwoAndWritesNothing() {
        String out = file("bad.hdf5");
        assertEquals(2, run("generate", "--grid", "2", "--out", out));
        assertTrue(err.toString().contains("grid"), err::toString);
        assertEquals(2, run("generate", "--grid", "9", "--length", "0", "--out", out));
        assertEquals(2, run("generate", "--grid", "9", "--modes", "82", "--out", out));
        assertEquals(2, run("generate", "--grid", "9", "--dist", "mixture:means=0,0;1,1:weights=0.2,0.2", "--out", out));
        assertEquals(2, run("generate", "--grid", "9", "--out", file("missing-dir/x.hdf5")));
        assertEquals(2, run("solve", "--permeability", file("nope.hdf5"), "--out", out));
        assertEquals(2, run("train", "--data", file("nope.hdf5"), "--out", file("m.zip")));
        assertFalse(Files.exists(dir.resolve("bad.hdf5")));
    }

    @Test
    void existingOutputNeedsForce() {
        assertEquals(0, run("generate", "--grid", "9", "--n", "3", "--out", file("x.hdf5")), err::toString);
        assertEquals(2, run("generate", "--grid", "9", "--n", "3", "--out", file("x.hdf5")));
        assertTrue(err.toString().contains("--force"), err::toString);
        assertEquals(0, run("generate", "--grid", "9", "--n", "3", "--out", file("x.hdf5"), "--force"), err::toString);
    }
}
