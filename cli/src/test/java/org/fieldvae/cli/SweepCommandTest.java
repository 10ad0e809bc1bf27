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
import java.util.Map;

import org.fieldvae.experiment.SettingSummary;
import org.fieldvae.experiment.SweepResult;
import org.fieldvae.experiment.SweepSpec;
import org.fieldvae.experiment.TrialResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** sweep's input checks (exit 2, nothing written) and its S_D plot; the sweep itself is tested in core. */
class SweepCommandTest {
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = FieldVaeCommand.commandLine();
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void badSpecsExitWithTwoNamingTheLineAndWriteNothing() throws IOException {
        Path out = dir.resolve("sweep");
        for (String spec : List.of("", "# nothing\n", "grid = 17\nfoo = 1\n", "grid = 17\nseed = 3..1\n",
                "samples = many\n")) {
            Path file = dir.resolve("bad.spec");
            Files.writeString(file, spec);
            err.getBuffer().setLength(0);
            assertEquals(2, run("sweep", "--spec", file.toString(), "--out", out.toString()), spec);
            String message = err.toString().strip();
            assertEquals(1, message.lines().count(), message);
            assertTrue(message.contains("bad.spec"), message);
            assertFalse(Files.exists(out), "nothing written for " + spec);
        }
        assertTrue(err.toString().contains("line 1"), err.toString());
        assertEquals(2, run("sweep", "--spec", dir.resolve("missing.spec").toString(), "--out", out.toString()));
        assertEquals(2, run("sweep", "--spec", dir.resolve("bad.spec").toString(), "--out", out.toString(),
                "--parallel", "0"));
        assertFalse(Files.exists(out));
    }

    private final StringWriter out = new StringWriter();

    private int runCapturingOut(String... args) {
        CommandLine cli = FieldVaeCommand.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(out, true));
        return cli.execute(args);
    }

    @Test
    void dryRunPrintsTheArrayAndSummaryScriptsAndCommandsAndWritesNothing() throws IOException {
        Path file = dir.resolve("s.spec");
        Files.writeString(file, "grid = 17\nsamples = 12\nepochs = 2\nrec_epochs = 1\nseed = 1..3\n");
        Path sweep = dir.resolve("sweep");
        assertEquals(0, runCapturingOut("sweep", "--spec", file.toString(), "--out", sweep.toString(), "--engine",
                "slurm", "--dry-run", "--time", "1:00:00", "--max-parallel", "2", "--sbatch-arg", "--qos=short"), err.toString());
        String printed = out.toString();
        String abs = sweep.toAbsolutePath().toString();
        for (String expected : List.of("#SBATCH --array=0-2%2", "#SBATCH --time=1:00:00", "#SBATCH --qos=short",
                "#SBATCH --output=" + abs + "/slurm/logs/%A_%a.log", "sweep run-trial --out " + abs
                + " --index \"$SLURM_ARRAY_TASK_ID\"", "sweep summarise --out " + abs,
                "-Dorg.bytedeco.javacpp.cachedir=\"$cache\"", "${FIELDVAE_NATIVE_CACHE:-$HOME/.cache/fieldvae/javacpp}",
                "sbatch --parsable " + abs + "/slurm/trials.sh",
                "sbatch --parsable --dependency=afterany:<array job id> " + abs + "/slurm/summary.sh")) {
            assertTrue(printed.contains(expected), expected + " in\n" + printed);
        }
        assertFalse(Files.exists(sweep), "a dry run writes nothing");
    }

    @Test
    void optionsOfTheOtherEngineAndSubcommandsWithoutASweepExitWithTwo() throws IOException {
        Path file = dir.resolve("s.spec");
        Files.writeString(file, "grid = 17\nseed = 1..2\n");
        Path sweep = dir.resolve("sweep");
        assertEquals(2, run("sweep", "--spec", file.toString(), "--out", sweep.toString(), "--engine", "slurm",
                "--parallel", "2"));
        assertTrue(err.toString().contains("--parallel is an option of --engine local"), err.toString());
        assertEquals(2, run("sweep", "--spec", file.toString(), "--out", sweep.toString(), "--partition", "long"));
        assertEquals(2, run("sweep", "--out", sweep.toString()));
        for (String sub : List.of("status", "cancel", "summarise")) {
            assertEquals(2, run("sweep", sub, "--out", sweep.toString()), sub);
        }
        assertEquals(2, run("sweep", "run-trial", "--out", sweep.toString(), "--index", "0"));
        assertFalse(Files.exists(sweep));
    }

    /** Without sbatch on the PATH (a process with an empty PATH): one line, exit 2, nothing written. */
    @Test
    void withoutSbatchOnThePathNothingIsSubmittedOrWritten() throws Exception {
        Path file = dir.resolve("s.spec");
        Files.writeString(file, "grid = 17\nseed = 1..2\n");
        Path sweep = dir.resolve("sweep");
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", "-c", TaskLauncher.launch() + " sweep --spec "
                + file + " --out " + sweep + " --engine slurm").redirectErrorStream(true);
        pb.environment().put("PATH", dir.resolve("empty").toString());
        Process p = pb.start();
        String printed = new String(p.getInputStream().readAllBytes());
        assertEquals(2, p.waitFor(), printed);
        List<String> lines = printed.lines().filter(l -> !l.startsWith("SLF4J")).toList();
        assertEquals(1, lines.size(), printed);
        assertTrue(lines.get(0).contains("sbatch is not on the PATH"), printed);
        assertFalse(Files.exists(sweep));
    }

    @Test
    void plotShowsMeanAndBandOfSdAgainstANumericAxis() {
        SweepSpec spec = SweepSpec.parse("samples = 16, 32\nseed = 1..2\n", "p.spec");
        List<SweepSpec.Trial> t = spec.trials();
        List<TrialResult> trials = List.of(new TrialResult(t.get(0), 0.5, 0.1, false, 1, ""),
                new TrialResult(t.get(1), 0.7, 0.2, false, 1, ""), new TrialResult(t.get(2), 0.95, 0.3, false, 1, ""),
                new TrialResult(t.get(3), 0.99, 0.4, false, 1, ""));
        List<SettingSummary> settings = List.of(
                new SettingSummary(Map.of("samples", "16"), 2, 2, new SettingSummary.Stats(0.6, 0.5, 0.7),
                        new SettingSummary.Stats(0.15, 0.1, 0.2), 0, 0),
                new SettingSummary(Map.of("samples", "32"), 2, 2, new SettingSummary.Stats(0.97, 0.95, 0.99),
                        new SettingSummary.Stats(0.35, 0.3, 0.4), 0, 2));
        SweepResult r = new SweepResult(dir, spec.axes(), trials, settings, 1);
        Path png = dir.resolve("summary.png");
        SweepCommand.plot(r).write(png, false);
        assertTrue(Files.isRegularFile(png));
        assertTrue(png.toFile().length() > 1000, "a real PNG");
    }
}
