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
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;

class ScoreCommandTest {
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    /** The root command with score added and its exit-code mapping, as the lead will register it. */
    private int run(String... args) {
        CommandLine cli = FieldVaeCommand.commandLine();
        if (!cli.getSubcommands().containsKey("score")) {
            cli.addSubcommand(new ScoreCommand());
        }
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        String[] full = new String[args.length + 1];
        full[0] = "score";
        System.arraycopy(args, 0, full, 1, args.length);
        return cli.execute(full);
    }

    /** A diagonal code: z = (2 theta_1 + 1, theta_2 - 3) of uniform theta, with a z_logvar column to ignore. */
    private Path latents(int rows, String badCell) throws IOException {
        SplittableRandom random = new SplittableRandom(3);
        StringBuilder b = new StringBuilder("z_mean_1,z_mean_2,z_logvar_1,theta_1,theta_2\n");
        for (int r = 0; r < rows; r++) {
            double t1 = random.nextDouble();
            double t2 = random.nextDouble();
            b.append(2 * t1 + 1).append(',').append(r == 4 && badCell != null ? badCell : String.valueOf(t2 - 3))
                    .append(",0.5,").append(t1).append(',').append(t2).append('\n');
        }
        Path file = dir.resolve("latents.csv");
        Files.writeString(file, b.toString());
        return file;
    }

    @Test
    void writesEveryScoreBesideTheCsv() throws IOException {
        Path csv = latents(300, null);
        assertEquals(0, run("--latents", csv.toString(), "--starts", "2"), err.toString());
        Path json = dir.resolve("scores.json");
        Map<?, ?> doc = new ObjectMapper().readValue(json.toFile(), Map.class);
        Map<?, ?> scores = (Map<?, ?>) doc.get("scores");
        assertEquals(1.0, ((Number) scores.get("s_d")).doubleValue(), 0.05);
        assertTrue(Math.abs(((Number) scores.get("s_kl")).doubleValue()) < 0.2, scores.toString());
        assertEquals(300, scores.get("samples"));
        Map<?, ?> input = (Map<?, ?>) doc.get("input");
        assertEquals(List.of("z_mean_1", "z_mean_2"), input.get("latent_columns"));
        assertEquals(64, ((String) input.get("latents_sha256")).length());
        assertEquals(2, ((Map<?, ?>) doc.get("settings")).get("starts"));
        assertTrue(((Map<?, ?>) doc.get("provenance")).containsKey("fieldvae_version"));
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void existingOutputIsReplacedOnlyWithForce() throws IOException {
        Path csv = latents(100, null);
        Path out = dir.resolve("mine.json");
        Files.writeString(out, "keep");
        assertEquals(FieldVaeCommand.BAD_INPUT, run("--latents", csv.toString(), "--out", out.toString()));
        assertEquals("keep", Files.readString(out));
        assertTrue(err.toString().contains("--force"), err.toString());
        assertEquals(0, run("--latents", csv.toString(), "--out", out.toString(), "--force", "--starts", "1"));
        assertTrue(Files.readString(out).contains("\"s_kl\""));
    }

    @Test
    void badInputExitsWithTwoAndWritesNothing() throws IOException {
        Path out = dir.resolve("out.json");
        assertEquals(FieldVaeCommand.BAD_INPUT, run("--latents", latents(300, "NaN").toString(), "--out", out.toString()));
        assertTrue(err.toString().contains("row 5, column z_mean_2"), err.toString());
        assertEquals(FieldVaeCommand.BAD_INPUT, run("--latents", latents(9, null).toString(), "--out", out.toString()));
        assertEquals(FieldVaeCommand.BAD_INPUT, run("--latents", latents(50, null).toString(), "--out", out.toString(),
                "--theta-columns", "theta_7"));
        assertEquals(FieldVaeCommand.BAD_INPUT, run("--latents", latents(50, null).toString(), "--out", out.toString(),
                "--latent-columns", "z_logvar_1"));
        assertEquals(FieldVaeCommand.BAD_INPUT, run("--latents", latents(50, null).toString(), "--out", out.toString(),
                "--estimator", "exact"));
        assertEquals(FieldVaeCommand.BAD_INPUT, run("--latents", latents(50, null).toString(), "--out", out.toString(),
                "--k", "0"));
        assertFalse(Files.exists(out));
        assertTrue(err.toString().contains("k = 0"), err.toString());
    }

    @Test
    void commandRunsStandaloneAsTheLeadWillRegisterIt() throws IOException {
        Path csv = latents(100, null);
        int code = new CommandLine(new ScoreCommand()).execute("--latents", csv.toString(), "--estimator", "ADAPTIVE",
                "--starts", "1", "--seed", "9");
        assertEquals(0, code);
        assertTrue(Files.readString(dir.resolve("scores.json")).contains("\"adaptive\""));
    }
}
