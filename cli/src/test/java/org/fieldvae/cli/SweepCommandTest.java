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
