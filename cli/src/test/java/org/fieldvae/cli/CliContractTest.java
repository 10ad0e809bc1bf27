package org.fieldvae.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.fieldvae.OutputLock;
import org.fieldvae.field.DatasetFiles;
import org.fieldvae.field.DatasetShape;
import org.fieldvae.field.DatasetWriter;
import org.fieldvae.field.Precision;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * The command line's promises (docs/cli-contract.md) as a user meets them: outputs that are inputs, diverging
 * training, corrupt inputs, locks, the resume rule, option errors, exit codes and file modes. Commands run
 * in-process on a 17 x 17 grid and a tiny network; {@link FaultInjectionTest} kills real processes.
 */
class CliContractTest {

    @TempDir
    Path dir;

    private StringWriter err = new StringWriter();

    private int run(String... args) {
        err = new StringWriter();
        CommandLine cli = FieldVaeCommand.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        return cli.execute(args);
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    /** The lines the command printed on its error stream (the commands' progress goes to System.err). */
    private List<String> errLines() {
        return err.toString().lines().filter(l -> !l.isBlank()).toList();
    }

    private void assertOneLine(String... mustContain) {
        List<String> lines = errLines();
        assertEquals(1, lines.size(), () -> "one line expected:\n" + err);
        for (String s : mustContain) {
            assertTrue(lines.get(0).contains(s), () -> "'" + s + "' expected in: " + lines.get(0));
        }
    }

    private static final String[] TINY = {"--epochs", "2", "--rec-epochs", "1", "--batch", "8", "--blocks", "1,1,1",
        "--growth", "2", "--checkpoint-every", "1"};

    private String[] train(String data, String out, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--data", data, "--out", out));
        args.addAll(List.of(TINY));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @BeforeEach
    void dataset() {
        assertEquals(0, run("generate", "--grid", "17", "--n", "16", "--seed", "1", "--out", file("d.hdf5")), err::toString);
    }

    /** Every option group of train (one per settings record) reaches the model it writes. */
    @Test
    void everyOptionGroupOfTrainReachesTheModel() {
        assertEquals(0, run(train(file("d.hdf5"), file("m.zip"), "--latent", "3", "--init", "pytorch", "--prior",
                "hierarchical", "--hp-decoder", "as-coded", "--loss-scale", "elbo", "--lr", "0.002", "--beta",
                "fixed:0.5", "--seed", "7", "--batch-norm-statistics", "population")), err::toString);
        try (org.fieldvae.vae.TrainedModel model = org.fieldvae.vae.TrainedModel.load(dir.resolve("m.zip"))) {
            org.fieldvae.vae.VaeSettings s = model.settings();
            assertEquals(List.of(17, 3, 2), List.of(s.architecture().grid(), s.architecture().latent(),
                    s.architecture().growth()));
            assertEquals(org.fieldvae.nn.InitScheme.PYTORCH_DEFAULT, s.architecture().init());
            assertEquals(org.fieldvae.vae.HpDecoder.AS_CODED, s.priorAndLoss().hpDecoder());
            assertEquals(org.fieldvae.vae.LossScale.ELBO, s.priorAndLoss().lossScale());
            assertEquals(List.of(2, 1, 8), List.of(s.schedule().epochs(), s.schedule().recEpochs(), s.schedule().batch()));
            assertEquals(0.002, s.schedule().lrValues()[0]);
            assertEquals(org.fieldvae.vae.BatchNormStatistics.POPULATION, s.schedule().batchNormStatistics());
            assertEquals(org.fieldvae.vae.BetaScheduleKind.FIXED, s.beta().betaSchedule());
            assertEquals(0.5, s.beta().fixedBeta());
            assertEquals(new org.fieldvae.vae.RunOptions(7, 1), s.run());
        }
        assertEquals(2, run(train(file("d.hdf5"), file("n.zip"), "--batch-norm-statistics", "batch")));
        assertOneLine("--batch-norm-statistics = batch: must be running or population");
        assertFalse(Files.exists(dir.resolve("n.zip")));
        assertEquals(0, run(train(file("d.hdf5"), file("c.zip"), "--beta", "cyclical:0.8:2:0.25")), err::toString);
        try (org.fieldvae.vae.TrainedModel model = org.fieldvae.vae.TrainedModel.load(dir.resolve("c.zip"))) {
            org.fieldvae.vae.BetaPlan b = model.settings().beta();
            assertEquals(List.of(0.8, 2.0, 0.25), List.of(b.fixedBeta(), (double) b.cycles(), b.cycleRatio()));
            // minibatches of 8: population statistics unless asked otherwise; of 64 (the paper's): running averages
            assertEquals(org.fieldvae.vae.BatchNormStatistics.POPULATION, model.settings().schedule().batchNormStatistics());
        }
        assertEquals(0, run(train(file("d.hdf5"), file("r.zip"), "--batch", "64")), err::toString);
        try (org.fieldvae.vae.TrainedModel model = org.fieldvae.vae.TrainedModel.load(dir.resolve("r.zip"))) {
            assertEquals(org.fieldvae.vae.BatchNormStatistics.RUNNING, model.settings().schedule().batchNormStatistics());
        }
    }

    // case 1: an output that is an input is refused, with --force or not, through a symbolic link too

    @Test
    void outputThatIsAnInputIsRefusedAndTheInputStaysUntouched() throws IOException {
        String before = DatasetFiles.sha256(dir.resolve("d.hdf5"));
        Files.createSymbolicLink(dir.resolve("link.hdf5"), dir.resolve("d.hdf5"));
        assertEquals(2, run(train(file("d.hdf5"), file("d.hdf5"), "--force")));
        assertOneLine("--out", "--data", "same file");
        assertEquals(2, run(train(file("d.hdf5"), file("link.hdf5"), "--force")));
        assertOneLine("link.hdf5", "same file");
        assertEquals(2, run(train(file("d.hdf5"), file("d.hdf5"))));
        assertEquals(0, run(train(file("d.hdf5"), file("m.zip"))), err::toString);
        assertEquals(2, run("encode", "--model", file("m.zip"), "--data", file("d.hdf5"), "--out", file("d.hdf5"), "--force"));
        assertOneLine("--out", "--data", "same file");
        assertEquals(2, run("encode", "--model", file("m.zip"), "--data", file("d.hdf5"), "--out", file("m.zip"), "--force"));
        assertOneLine("--model");
        assertEquals(0, run("encode", "--model", file("m.zip"), "--data", file("d.hdf5"), "--out", file("l.csv")), err::toString);
        String latents = DatasetFiles.sha256(dir.resolve("l.csv"));
        assertEquals(2, run("score", "--latents", file("l.csv"), "--out", file("l.csv"), "--force"));
        assertOneLine("--latents", "same file");
        assertEquals(2, run("decode", "--model", file("m.zip"), "--latents", file("l.csv"), "--out", file("l.csv"), "--force"));
        assertEquals(latents, DatasetFiles.sha256(dir.resolve("l.csv")));
        assertEquals(before, DatasetFiles.sha256(dir.resolve("d.hdf5")));
    }

    // case 2: divergence stops with exit 3, a message saying what to change, and nothing non-finite on disk

    @Test
    void hugeLearningRatesStopWithExitThreeAndKeepNoNonFiniteWeights() throws IOException {
        for (String lr : List.of("1e3", "1e6")) {
            String out = file("lr" + lr + ".zip");
            assertEquals(FieldVaeCommand.DIVERGED, run(train(file("d.hdf5"), out, "--lr", lr)), err::toString);
            assertOneLine("diverged", "lower --lr");
            assertFalse(Files.exists(Path.of(out)), "no model is written");
            assertFalse(Files.exists(dir.resolve("lr" + lr + ".csv")), "no history is written");
            Path checkpoint = dir.resolve("lr" + lr + ".checkpoints").resolve("checkpoint.zip");
            if (Files.exists(checkpoint)) {
                assertTrue(errLines().get(0).contains("stays in"), err::toString);
                assertAllFinite(checkpoint);
            } else {
                assertFalse(Files.exists(checkpoint.getParent()), "an empty checkpoint folder is removed");
            }
        }
        assertNoTemps();
    }

    /** Reads the zip's float32 entries (magic, count, big-endian values) independently of the engine. */
    private static void assertAllFinite(Path model) throws IOException {
        int arrays = 0;
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(Files.newInputStream(model))) {
            for (java.util.zip.ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                String name = entry.getName();
                if (!name.endsWith(".f32") || name.startsWith("adam")) {
                    continue;
                }
                java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(zip.readAllBytes());
                b.getInt();
                int count = b.getInt();
                for (int i = 0; i < count; i++) {
                    assertTrue(Float.isFinite(b.getFloat()), () -> model + ": " + name + " holds a non-finite value");
                }
                arrays++;
            }
        }
        assertEquals(2, arrays, "parameters and batch-norm statistics checked");
    }

    // case 3: truncated or bit-flipped inputs are one line of exit 2 naming the file

    @Test
    void truncatedAndBitFlippedInputsAreOneLineNamingTheFile() throws IOException {
        byte[] hdf5 = Files.readAllBytes(dir.resolve("d.hdf5"));
        assertEquals(0, run(train(file("d.hdf5"), file("m.zip"))), err::toString);
        byte[] zip = Files.readAllBytes(dir.resolve("m.zip"));
        List<Path> corrupt = List.of(
                write("half.hdf5", java.util.Arrays.copyOf(hdf5, hdf5.length / 2)),
                write("head.hdf5", java.util.Arrays.copyOf(hdf5, 100)),
                write("flipped.hdf5", flip(hdf5, 0)),
                write("half.zip", java.util.Arrays.copyOf(zip, zip.length / 2)),
                write("flipped.zip", flip(zip, zip.length / 3)));
        for (Path p : corrupt) {
            String name = p.getFileName().toString();
            int exit = name.endsWith(".zip")
                    ? run("encode", "--model", p.toString(), "--data", file("d.hdf5"), "--out", file("x.csv"))
                    : run(train(p.toString(), file("x.zip")));
            assertEquals(2, exit, () -> name + ": " + err);
            assertOneLine(name);
            assertFalse(err.toString().contains("\tat "), "no stack trace");
        }
        assertEquals(0, run("encode", "--model", file("m.zip"), "--data", file("d.hdf5"), "--out", file("l.csv")), err::toString);
        String csv = Files.readString(dir.resolve("l.csv"));
        write("cut.csv", csv.substring(0, csv.length() / 2 + 3).getBytes());
        write("flipped.csv", csv.replaceFirst("\n(-?)[0-9]", "\n$1q").getBytes());
        for (String name : List.of("cut.csv", "flipped.csv")) {
            assertEquals(2, run("decode", "--model", file("m.zip"), "--latents", file(name), "--out", file("y.hdf5")),
                    () -> name + ": " + err);
            assertOneLine(name);
            assertEquals(2, run("score", "--latents", file(name), "--out", file("s.json")), () -> name + ": " + err);
            assertOneLine(name);
        }
        assertFalse(Files.exists(dir.resolve("x.zip")) || Files.exists(dir.resolve("x.csv"))
                || Files.exists(dir.resolve("y.hdf5")) || Files.exists(dir.resolve("s.json")), "no partial output");
        assertNoTemps();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static byte[] flip(byte[] bytes, int at) {
        byte[] copy = bytes.clone();
        copy[at] ^= 0x10;
        return copy;
    }

    // case 4 in-process: a stale temporary file of the same output is removed, others stay

    @Test
    void staleTempFilesOfTheSameOutputAreRemovedByTheNextRun() throws IOException {
        Path stale = write(".g.hdf5.k3x9q.tmp", new byte[1000]);
        Path other = write(".other.hdf5.k3x9q.tmp", new byte[10]);
        assertEquals(0, run("generate", "--grid", "9", "--n", "3", "--out", file("g.hdf5")), err::toString);
        assertFalse(Files.exists(stale), "the killed run's temporary file is gone");
        assertTrue(Files.exists(other), "another output's temporary file stays");
    }

    // case 5 in-process: a second writer of the same output fails at once

    @Test
    void aSecondWriterOfTheSameOutputFailsAtOnce() throws Exception {
        Path out = dir.resolve("same.zip");
        try (OutputLock held = CompletableFuture.supplyAsync(() -> OutputLock.acquire(out, "other")).get()) {
            long start = System.nanoTime();
            assertEquals(2, run(train(file("d.hdf5"), out.toString())));
            assertTrue(System.nanoTime() - start < 5e9, "fails at once");
            assertOneLine("same.zip", "another fieldvae run");
            assertFalse(Files.exists(out));
            assertFalse(Files.exists(dir.resolve("same.checkpoints")));
        } finally {
            CompletableFuture.runAsync(() -> { }).get();
        }
    }

    // case 6: resume is refused with a message naming what differs

    @Test
    void resumeWithOtherOptionsOrDataIsRefusedNamingTheDifference() throws IOException {
        assertEquals(0, run(train(file("d.hdf5"), file("m.zip"))), err::toString);
        String checkpoint = DatasetFiles.sha256(dir.resolve("m.checkpoints/checkpoint.zip"));
        assertEquals(2, run(train(file("d.hdf5"), file("m.zip"), "--resume", "--force", "--lr", "0.01")));
        assertOneLine("--resume: checkpoint was trained with --lr ", ", this run asks for 0.01");
        assertEquals(2, run(train(file("d.hdf5"), file("m.zip"), "--resume", "--force", "--seed", "2")));
        assertOneLine("--seed 1, this run asks for 2");
        assertEquals(2, run(train(file("d.hdf5"), file("m.zip"), "--resume", "--force", "--latent", "3")));
        assertOneLine("--latent 2, this run asks for 3");
        assertEquals(0, run("generate", "--grid", "17", "--n", "16", "--seed", "2", "--out", file("e.hdf5")), err::toString);
        assertEquals(2, run(train(file("e.hdf5"), file("m.zip"), "--resume", "--force")));
        assertOneLine("other data");
        assertEquals(checkpoint, DatasetFiles.sha256(dir.resolve("m.checkpoints/checkpoint.zip")), "refusal changes nothing");
        List<String> again = new ArrayList<>(List.of(train(file("d.hdf5"), file("m.zip"), "--resume", "--force")));
        again.set(again.indexOf("--checkpoint-every") + 1, "5");
        assertEquals(0, run(again.toArray(String[]::new)), () -> "--checkpoint-every may differ: " + err);
    }

    // case 7: an option error is one line plus "see --help"

    @Test
    void optionErrorsAreOneLineWithSeeHelp() {
        for (String[] args : List.of(new String[] {"train", "--data", file("d.hdf5"), "--epochs", "abc"},
                new String[] {"train", "--epochs", "3"}, new String[] {"train", "--data", file("d.hdf5"), "--no-such"},
                new String[] {"encode", "--model"})) {
            assertEquals(2, run(args), String.join(" ", args));
            assertOneLine("--help");
        }
    }

    // case 8: --epochs 0, NaN fields in encode, option names, reasons, modes, the checkpoint folder's name

    @Test
    void zeroEpochsAreRefusedNamingTheOption() {
        assertEquals(2, run(train(file("d.hdf5"), file("z.zip"), "--epochs", "0")));
        assertOneLine("--epochs");
        assertFalse(Files.exists(dir.resolve("z.zip")));
    }

    @Test
    void settingErrorsNameTheOptionNotTheField() {
        assertEquals(2, run(train(file("d.hdf5"), file("q.zip"), "--lr", "-1")));
        assertOneLine("--lr");
        assertFalse(err.toString().contains("lrValues"), err::toString);
        assertEquals(2, run(train(file("d.hdf5"), file("q.zip"), "--batch", "1")));
        assertOneLine("--batch");
    }

    @Test
    void encodeRejectsNonFiniteFieldsAsTrainDoes() throws IOException {
        // the writer refuses NaN, so a finite marker value is written and its bytes replaced by NaN's
        float marker = 12345.678f;
        float[][][][] fields = new float[4][3][17][17];
        fields[2][1][5][5] = marker;
        try (DatasetWriter w = DatasetWriter.create(dir.resolve("nan.hdf5"),
                new DatasetShape(4, 0, 17, false, true, false, Precision.FLOAT32), java.util.Map.of(), false)) {
            w.append(null, null, fields);
            w.commit();
        }
        byte[] bytes = Files.readAllBytes(dir.resolve("nan.hdf5"));
        replaceFloat(bytes, marker, Float.NaN);
        Files.write(dir.resolve("nan.hdf5"), bytes);
        assertEquals(0, run(train(file("d.hdf5"), file("m.zip"))), err::toString);
        assertEquals(2, run(train(file("nan.hdf5"), file("n.zip"))));
        assertOneLine("nan.hdf5", "non-finite");
        assertEquals(2, run("encode", "--model", file("m.zip"), "--data", file("nan.hdf5"), "--out", file("n.csv")));
        assertOneLine("nan.hdf5", "sample 2", "non-finite");
        assertFalse(Files.exists(dir.resolve("n.csv")));
    }

    /** Replaces the one float32 (either byte order) equal to {@code from} by {@code to}. */
    private static void replaceFloat(byte[] bytes, float from, float to) {
        for (java.nio.ByteOrder order : List.of(java.nio.ByteOrder.LITTLE_ENDIAN, java.nio.ByteOrder.BIG_ENDIAN)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes).order(order);
            for (int i = 0; i + 4 <= bytes.length; i++) {
                if (b.getFloat(i) == from) {
                    b.putFloat(i, to);
                    return;
                }
            }
        }
        throw new AssertionError("marker value not found in the file");
    }

    @Test
    void cannotWriteGivesTheReason() throws IOException {
        Files.writeString(dir.resolve("plain"), "a file, not a folder");
        assertEquals(2, run("generate", "--grid", "9", "--n", "3", "--out", file("plain/g.hdf5")));
        assertOneLine("plain/g.hdf5", "not a directory");
        assertEquals(2, run("generate", "--grid", "9", "--n", "3", "--out", file("nodir/g.hdf5")));
        assertOneLine("nodir/g.hdf5", "no such directory");
    }

    @Test
    void everyOutputHasModeSixFourFourAndCheckpointsGoWhereHelpSays() throws IOException {
        assertEquals(0, run(train(file("d.hdf5"), file("m.zip"))), err::toString);
        assertEquals(0, run("encode", "--model", file("m.zip"), "--data", file("d.hdf5"), "--out", file("l.csv")), err::toString);
        assertEquals(0, run("score", "--latents", file("l.csv"), "--out", file("s.json")), err::toString);
        for (String name : List.of("d.hdf5", "m.zip", "m.csv", "m.checkpoints/checkpoint.zip", "l.csv", "s.json")) {
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(name))), name);
        }
        StringWriter help = new StringWriter();
        CommandLine cli = FieldVaeCommand.commandLine();
        cli.setOut(new PrintWriter(help, true));
        assertEquals(0, cli.execute("train", "--help"));
        // picocli wraps the paragraph at any width, so compare without the white space
        assertTrue(help.toString().replaceAll("\\s+", "").contains("model.checkpoints/formodel.zip"), help::toString);
        assertTrue(help.toString().contains("Exits 3"), help::toString);
        // one section per settings record, in the record's order (docs/design.md, "Settings")
        int at = 0;
        for (String heading : List.of("Architecture (", "Prior and loss:", "Training schedule:", "Beta (", "Run:")) {
            int next = help.toString().indexOf(heading, at);
            assertTrue(next > at, () -> heading + " after the previous section in train --help:\n" + help);
            at = next;
        }
        StringWriter top = new StringWriter();
        CommandLine main = FieldVaeCommand.commandLine();
        main.setOut(new PrintWriter(top, true));
        assertEquals(0, main.execute("--help"));
        for (String code : List.of("  2 ", "  3 ", "  130 ")) {
            assertTrue(top.toString().contains(code), () -> "exit code " + code + " in fieldvae --help:\n" + top);
        }
        assertNoTemps();
    }

    private void assertNoTemps() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> temps = files.filter(p -> p.getFileName().toString().endsWith(".tmp")
                    || p.getFileName().toString().endsWith(".lock")).toList();
            assertArrayEquals(new Path[0], temps.toArray(Path[]::new), "no temporary or lock file left");
        }
    }
}
