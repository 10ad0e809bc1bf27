package org.fieldvae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.fieldvae.experiment.RunFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** {@code fieldvae quickstart} on a 17 x 17 grid, 16 samples and 2 epochs: files, resume, folder conflicts. */
class QuickstartCommandTest {
    private static final String[] TINY = {"--grid", "17", "--samples", "16", "--test-samples", "16", "--epochs", "2", "--labels", "0.25"};

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = FieldVaeCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private String[] quickstart(Path folder, String... extra) {
        String[] args = new String[3 + TINY.length + extra.length];
        args[0] = "quickstart";
        args[1] = "--out";
        args[2] = folder.toString();
        System.arraycopy(TINY, 0, args, 3, TINY.length);
        System.arraycopy(extra, 0, args, 3 + TINY.length, extra.length);
        return args;
    }

    @Test
    void tinyQuickstartWritesTheRunAndResumesAndRefusesOtherSettings() throws IOException {
        Path run = dir.resolve("q");
        assertEquals(0, run(quickstart(run)), err::toString);
        for (String name : new String[] {RunFolder.RUN_JSON, RunFolder.TRAIN, RunFolder.TEST, RunFolder.MODEL,
            RunFolder.HISTORY, RunFolder.LATENTS_TRAIN, RunFolder.LATENTS_TEST, RunFolder.SCORES}) {
            assertTrue(Files.isRegularFile(run.resolve(name)), name);
        }
        assertTrue(out.toString().contains("S_D = ") && out.toString().contains("S_KL = "), out::toString);
        Path page = run.resolve(RunFolder.REPORT).resolve("index.html");
        assertTrue(Files.isRegularFile(page), "the report is written at the end");
        assertTrue(out.toString().contains("report: " + page), out::toString);
        String scores = Files.readString(run.resolve(RunFolder.SCORES));

        assertEquals(0, run(quickstart(run)), "the same command again: everything is there already " + err);
        assertEquals(scores, Files.readString(run.resolve(RunFolder.SCORES)), "nothing recomputed");

        String settings = Files.readString(run.resolve(RunFolder.RUN_JSON));
        assertEquals(2, run(quickstart(run, "--seed", "2")));
        assertTrue(err.toString().contains("other settings"), err::toString);
        assertEquals(settings, Files.readString(run.resolve(RunFolder.RUN_JSON)), "nothing overwritten");
        assertEquals(scores, Files.readString(run.resolve(RunFolder.SCORES)));

        assertEquals(0, run(quickstart(run, "--seed", "2", "--force")), err::toString);
        assertTrue(Files.readString(run.resolve(RunFolder.RUN_JSON)).contains("\"seed\" : 2"));
    }

    @Test
    void badOptionsAndFoldersExitWithTwoAndWriteNothing() throws IOException {
        Path fresh = dir.resolve("fresh");
        assertEquals(2, run(quickstart(fresh, "--prior", "gaussian")));
        assertTrue(err.toString().contains("--prior"), err::toString);
        assertEquals(2, run("quickstart", "--out", fresh.toString(), "--grid", "20"));
        assertTrue(err.toString().contains("grid = 20"), err::toString);
        assertEquals(2, run("quickstart", "--out", fresh.toString(), "--labels", "2"));
        assertTrue(err.toString().contains("labelFraction"), err::toString);
        assertFalse(Files.exists(fresh), "no folder made for bad settings");

        Path file = Files.writeString(dir.resolve("a-file"), "mine");
        assertEquals(2, run(quickstart(file)));
        assertEquals("mine", Files.readString(file));

        Path busy = Files.createDirectories(dir.resolve("busy"));
        Files.writeString(busy.resolve("notes.txt"), "mine");
        assertEquals(2, run(quickstart(busy)));
        assertTrue(err.toString().contains("not empty"), err::toString);
        assertEquals(1, busy.toFile().list().length, "nothing written into a folder that is not a run");
    }
}
