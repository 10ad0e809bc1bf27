package org.fieldvae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.fieldvae.field.DatasetFiles;
import org.fieldvae.field.DatasetReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes killed at several points (kill -9, which no code can intercept, and SIGINT, Ctrl-C's
 * signal) during generate, label, train and sweep, on a 17 x 17 grid with a tiny network. Each case checks
 * the promises of docs/cli-contract.md: the exit code (137 for kill -9, 130 for Ctrl-C), a one-line
 * message, inputs untouched (SHA-256 before and after), no partial output, and no stray temporary or lock
 * file once the next run of the same command is done (a killed process cannot clean up after itself; the
 * next writer of the same output does).
 */
class FaultInjectionTest {
    /**
     * How long a step may take before the test calls it hung: a hang detector, not a speed check. Under a load of 8
     * on 2 cores (science runs beside the suite) the 60-epoch resume took over 240 s, so the margin is wide.
     */
    private static final long TIMEOUT_SECONDS = 900;
    /** Exit code of a process ended by SIGKILL: 128 + 9. */
    private static final int KILLED = 137;

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    /** A fieldvae process in {@link #dir} with the test's class path; stderr goes to {@code <log>}. */
    private Process start(String log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                FieldVaeCommand.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(dir.resolve(log).toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        started.add(p);
        return p;
    }

    /** Runs a command to its end; no library may print on its stderr. */
    private int complete(String log, String... args) throws Exception {
        Process p = start(log, args);
        assertTrue(p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), log + " did not finish");
        assertFalse(text(log).contains("SLF4J"), () -> "library noise on stderr: " + dirText(log));
        return p.exitValue();
    }

    /** Waits until the process has written {@code marker} to its log (it is then at that point of its work). */
    private void awaitLine(Process p, String log, String marker) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (System.nanoTime() < end) {
            if (text(log).contains(marker)) {
                return;
            }
            if (!p.isAlive()) {
                throw new AssertionError(log + " ended (exit " + p.exitValue() + ") before '" + marker + "':\n" + text(log));
            }
            Thread.sleep(50);
        }
        throw new AssertionError(log + ": no '" + marker + "' in " + TIMEOUT_SECONDS + " s:\n" + text(log));
    }

    /** Waits until the process has written {@code file} (a checkpoint, say): it is then past that point. */
    private void awaitFile(Process p, String log, String file) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (System.nanoTime() < end) {
            if (exists(file)) {
                return;
            }
            if (!p.isAlive()) {
                throw new AssertionError(log + " ended (exit " + p.exitValue() + ") before writing " + file + ":\n"
                        + text(log));
            }
            Thread.sleep(20);
        }
        throw new AssertionError(log + ": no " + file + " in " + TIMEOUT_SECONDS + " s:\n" + text(log));
    }

    private String text(String log) throws IOException {
        Path f = dir.resolve(log);
        return Files.exists(f) ? Files.readString(f) : "";
    }

    private static int kill9(Process p) throws InterruptedException {
        p.destroyForcibly();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return p.exitValue();
    }

    private static int interrupt(Process p) throws Exception {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start();
        assertEquals(0, kill.waitFor());
        assertTrue(p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "Ctrl-C ends the process");
        return p.exitValue();
    }

    /** After Ctrl-C: exactly one line that is not progress, saying it stopped, and no stack trace. */
    private void assertStoppedInOneLine(String log) throws IOException {
        List<String> messages = text(log).lines().filter(l -> l.startsWith("fieldvae ")).toList();
        assertEquals(1, messages.size(), () -> dirText(log));
        assertTrue(messages.get(0).contains("stopped"), messages.get(0));
        assertFalse(text(log).contains("\tat "), "no stack trace");
    }

    private List<Path> strays() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> {
                String n = p.getFileName().toString();
                // a sweep trial's trial.lock stays as its record (docs/sweeps-on-slurm.md); output locks are hidden
                return n.endsWith(".tmp") || n.startsWith(".") && n.endsWith(".lock");
            }).toList();
        }
    }

    private void assertNoStrays() throws IOException {
        assertEquals(List.of(), strays(), "no temporary or lock file");
    }

    private String sha(String name) {
        return DatasetFiles.sha256(dir.resolve(name));
    }

    private boolean exists(String name) {
        return Files.exists(dir.resolve(name));
    }

    @Test
    void generateKilledOrInterruptedLeavesNoPartialOutputAndTheNextRunCleansUp() throws Exception {
        // large enough (about 10 s on an idle 2-core machine) that the kill lands mid-work: progress lines come
        // at most every 2 s, so a short run can end between its first line and the signal
        String[] generate = {"generate", "--grid", "17", "--n", "100000", "--seed", "1", "--out", "g.hdf5"};
        for (String point : List.of("KLE basis", "Darcy sample")) {
            Process p = start("kill.log", generate);
            awaitLine(p, "kill.log", point);
            assertEquals(KILLED, kill9(p));
            assertFalse(exists("g.hdf5"), "no partial output after kill -9 at " + point);
            Files.delete(dir.resolve("kill.log"));
        }
        Process p = start("int.log", generate);
        awaitLine(p, "int.log", "Darcy sample");
        assertEquals(FieldVaeCommand.INTERRUPTED, interrupt(p));
        assertStoppedInOneLine("int.log");
        assertFalse(exists("g.hdf5"), "no partial output after Ctrl-C");
        assertEquals(0, complete("done.log", generate), () -> "rerun: " + dirText("done.log"));
        assertNoStrays();
        try (DatasetReader r = DatasetReader.open(dir.resolve("g.hdf5"))) {
            assertEquals(100000, r.samples());
        }
    }

    @Test
    void labelInPlaceKilledOrInterruptedLeavesTheInputWhole() throws Exception {
        assertEquals(0, complete("gen.log", "generate", "--grid", "17", "--n", "6000", "--seed", "1", "--out", "d.hdf5"));
        String before = sha("d.hdf5");
        String[] label = {"label", "--data", "d.hdf5", "--count", "30", "--seed", "1", "--force"};
        Process p = start("kill.log", label);
        awaitLine(p, "kill.log", "copied");
        assertEquals(KILLED, kill9(p));
        assertEquals(before, sha("d.hdf5"), "kill -9 during label leaves the input as it was");
        p = start("int.log", label);
        awaitLine(p, "int.log", "copied");
        assertEquals(FieldVaeCommand.INTERRUPTED, interrupt(p));
        assertStoppedInOneLine("int.log");
        assertEquals(before, sha("d.hdf5"), "Ctrl-C during label leaves the input as it was");
        assertEquals(0, complete("done.log", label), () -> dirText("done.log"));
        assertNoStrays();
        try (DatasetReader r = DatasetReader.open(dir.resolve("d.hdf5"))) {
            assertTrue(r.hasLabelled());
        }
    }

    @Test
    void trainKilledResumesInterruptedKeepsCheckpointsAndASecondWriterIsRefused() throws Exception {
        assertEquals(0, complete("gen.log", "generate", "--grid", "17", "--n", "32", "--seed", "1", "--out", "d.hdf5"));
        String data = sha("d.hdf5");
        List<String> train = new ArrayList<>(List.of("train", "--data", "d.hdf5", "--out", "m.zip", "--epochs", "60",
                "--rec-epochs", "2", "--batch", "16", "--blocks", "1,1,1", "--growth", "2", "--checkpoint-every", "1"));
        Process first = start("first.log", train.toArray(String[]::new));
        awaitFile(first, "first.log", "m.checkpoints/checkpoint.zip");

        // a second writer of the same output fails at once, with one line, and changes nothing
        long t0 = System.nanoTime();
        assertEquals(FieldVaeCommand.BAD_INPUT, complete("second.log", train.toArray(String[]::new)));
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(60), "refused without waiting for the first");
        assertTrue(text("second.log").strip().lines().count() == 1 && text("second.log").contains("another fieldvae run"),
                () -> dirText("second.log"));

        // kill -9 mid-training: no model, the checkpoint is whole, and the lock does not block the resume
        assertEquals(KILLED, kill9(first));
        assertFalse(exists("m.zip"), "no model after kill -9");
        assertTrue(exists("m.checkpoints/checkpoint.zip"));
        List<String> resume = new ArrayList<>(train);
        resume.add("--resume");
        Process resumed = start("resume.log", resume.toArray(String[]::new));
        awaitLine(resumed, "resume.log", "epoch ");
        assertEquals(FieldVaeCommand.INTERRUPTED, interrupt(resumed));
        assertStoppedInOneLine("resume.log");
        assertFalse(exists("m.zip"), "no model after Ctrl-C");
        assertEquals(0, complete("done.log", resume.toArray(String[]::new)), () -> dirText("done.log"));
        assertTrue(exists("m.zip") && exists("m.csv"));
        assertEquals(61, Files.readAllLines(dir.resolve("m.csv")).size(), "all 60 epochs in the history");
        assertEquals(data, sha("d.hdf5"), "the input is untouched");
        assertNoStrays();
    }

    @Test
    void sweepKilledOrInterruptedContinuesToTheEnd() throws Exception {
        Files.writeString(dir.resolve("s.spec"), "grid = 17\nsamples = 16\nepochs = 200\nrec-epochs = 1\nseed = 1\n");
        String spec = sha("s.spec");
        String[] sweep = {"sweep", "--spec", "s.spec", "--out", "sw"};
        for (String point : List.of("training set: generating", "training: epoch")) {
            Process p = start("kill.log", sweep);
            awaitLine(p, "kill.log", point);
            assertEquals(KILLED, kill9(p));
            assertFalse(exists("sw/summary.csv"), "no summary after kill -9 at " + point);
            Files.delete(dir.resolve("kill.log"));
        }
        Process p = start("int.log", sweep);
        awaitLine(p, "int.log", "training: epoch");
        assertEquals(FieldVaeCommand.INTERRUPTED, interrupt(p));
        assertStoppedInOneLine("int.log");
        assertFalse(exists("sw/summary.csv"));
        assertEquals(0, complete("done.log", sweep), () -> dirText("done.log"));
        assertTrue(exists("sw/summary.csv") && exists("sw/trial/scores.json"), () -> dirText("done.log"));
        assertEquals(spec, sha("s.spec"));
        assertNoStrays();
    }

    private String dirText(String log) {
        try {
            return text(log) + "\nfiles: " + String.join(", ", listing());
        } catch (IOException e) {
            return e.toString();
        }
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.map(p -> dir.relativize(p).toString().replace(File.separatorChar, '/')).toList();
        }
    }
}
