package org.fieldvae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.fieldvae.cli.report.ReportWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;

/**
 * {@code fieldvae report} and {@link ReportWriter} on one tiny run folder (17 x 17 grid, 32 training and
 * 16 test samples, 2 epochs), made once for the class with the pipeline's own commands.
 */
class ReportCommandTest {
    /** A value no report may print unescaped: it closes a table cell and opens a script. */
    private static final String HOSTILE = "</td><script>alert(\"x\" & 'y')</script>";

    @TempDir
    static Path run;

    /** The report of the full run, written once: rendering loads the model and takes seconds. */
    private static Path fullPage;

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void makeRunFolder() throws IOException {
        StringWriter log = new StringWriter();
        String[][] steps = {
            {"generate", "--grid", "17", "--n", "32", "--seed", "3", "--out", in("train.hdf5")},
            {"label", "--data", in("train.hdf5"), "--count", "6", "--seed", "2", "--force"},
            {"generate", "--grid", "17", "--n", "16", "--seed", "4", "--design", "mc", "--out", in("test.hdf5")},
            {"train", "--data", in("train.hdf5"), "--out", in("model.zip"), "--history", in("history.csv"), "--epochs",
                "2", "--rec-epochs", "1", "--batch", "16", "--blocks", "1,1,1", "--growth", "2", "--semi-supervised"},
            {"encode", "--model", in("model.zip"), "--data", in("train.hdf5"), "--out", in("latents-train.csv")},
            {"encode", "--model", in("model.zip"), "--data", in("test.hdf5"), "--out", in("latents-test.csv")},
            {"score", "--latents", in("latents-test.csv"), "--out", in("scores.json")}};
        for (String[] step : steps) {
            CommandLine cli = FieldVaeCommand.commandLine();
            cli.setErr(new PrintWriter(log, true));
            assertEquals(0, cli.execute(step), () -> String.join(" ", step) + ": " + log);
        }
        Files.writeString(run.resolve("run.json"), "{\"grid\": 17, \"seed\": 3, \"note\": "
                + new ObjectMapper().writeValueAsString(HOSTILE) + ", \"provenance\": {\"java_version\": \"17\"}}");
        fullPage = ReportWriter.write(run);
    }

    /** A run folder with only the training history: its report is quick and has two plots. */
    private Path historyOnly() throws IOException {
        Path partial = Files.createDirectories(dir.resolve("partial"));
        Files.copy(run.resolve("history.csv"), partial.resolve("history.csv"));
        return partial;
    }

    private static String in(String name) {
        return run.resolve(name).toString();
    }

    private int report(String... args) {
        CommandLine cli = FieldVaeCommand.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        return cli.execute(Stream.concat(Stream.of("report"), Stream.of(args)).toArray(String[]::new));
    }

    /** The PNGs of a full run and their pixel sizes: panels of 440 x 360 (maps) and 480 x 360 (charts). */
    private static Map<String, int[]> expectedImages() {
        Map<String, int[]> m = new LinkedHashMap<>();
        m.put("index-fields-train.png", new int[] {4 * 440, 360});
        m.put("index-reconstruction.png", new int[] {3 * 440, 3 * 360});
        m.put("index-training.png", new int[] {2 * 480, 2 * 360});
        m.put("index-rate-distortion.png", new int[] {480, 360});
        m.put("index-latents-test.png", new int[] {2 * 480, 2 * 360});
        m.put("index-latents-train.png", new int[] {2 * 480, 2 * 360});
        m.put("index-aggregated-posterior.png", new int[] {480, 360});
        m.put("index-traversal.png", new int[] {5 * 440, 6 * 360});
        return m;
    }

    @Test
    void fullRunHasEveryPlotAsAValidImageOfItsSize() throws IOException {
        Path page = fullPage;
        assertEquals(run.resolve("report").resolve("index.html"), page);
        String html = Files.readString(page);
        assertFalse(html.contains("not available"), "every input is there");
        for (Map.Entry<String, int[]> e : expectedImages().entrySet()) {
            Path png = page.resolveSibling(e.getKey());
            BufferedImage image = ImageIO.read(png.toFile());
            assertNotNull(image, png + " is a readable image");
            assertEquals(e.getValue()[0], image.getWidth(), png + " width");
            assertEquals(e.getValue()[1], image.getHeight(), png + " height");
            assertTrue(distinctColours(image) > 20, png + " shows a plot, not a blank canvas");
            assertTrue(html.contains("src=\"" + e.getKey() + "\""), "page shows " + e.getKey());
        }
        try (Stream<Path> files = Files.list(page.getParent())) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith(".")).toList(),
                    "no temporary files left");
        }
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int x = 0; x < image.getWidth(); x += 3) {
            for (int y = 0; y < image.getHeight(); y += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }

    @Test
    void pageReferencesOnlyFilesThatExistBesideIt() throws IOException {
        String html = Files.readString(fullPage);
        Matcher refs = Pattern.compile("(?:src|href)=\"([^\"]*)\"").matcher(html);
        int count = 0;
        while (refs.find()) {
            String ref = refs.group(1);
            assertFalse(ref.contains("/") || ref.contains(":"), ref + " is a bare relative name");
            assertTrue(Files.isRegularFile(fullPage.resolveSibling(ref)), ref + " exists beside the page");
            count++;
        }
        assertEquals(expectedImages().size(), count, "one reference per plot");
    }

    @Test
    void scoresInThePageEqualScoresJson() throws IOException {
        String html = Files.readString(fullPage);
        int start = html.indexOf("Scores of the test latents");
        String table = html.substring(start, html.indexOf("</table>", start));
        JsonNode scores = new ObjectMapper().readTree(run.resolve("scores.json").toFile()).get("scores");
        int numbers = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = scores.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> score = it.next();
            Matcher row = Pattern.compile("<tr><th>" + Pattern.quote(score.getKey()) + "</th><td class=\"num\">([^<]*)</td>")
                    .matcher(table);
            assertTrue(row.find(), "the page prints " + score.getKey());
            if (score.getValue().isNumber()) {
                assertEquals(score.getValue().doubleValue(), Double.parseDouble(row.group(1)), 0.0, score.getKey());
                numbers++;
            }
        }
        assertTrue(numbers >= 8, "s_d, s_kl, mig, dci..., sap, tc are numbers");
        assertTrue(table.contains("<th>s_kl_a</th>") && table.contains("<th>s_kl_b</th>"), "S_KL's a and b");
    }

    @Test
    void missingOrBrokenInputsGiveNotAvailableSections() throws IOException {
        Files.copy(run.resolve("history.csv"), dir.resolve("history.csv"));
        Files.copy(run.resolve("scores.json"), dir.resolve("scores.json"));
        Files.writeString(dir.resolve("latents-test.csv"), "z_mean_1,theta_1\n0.5,oops\n");
        Files.writeString(dir.resolve("train.hdf5"), "not an HDF5 file");
        Path page = ReportWriter.write(dir);
        String html = Files.readString(page);
        for (String missing : List.of("model.zip is missing", "test.hdf5 is missing", "run.json is missing",
                "latents-train.csv is missing", "cannot read latents-test.csv", "cannot read train.hdf5")) {
            assertTrue(html.contains("not available: " + missing), missing);
        }
        assertTrue(Files.isRegularFile(page.resolveSibling("index-training.png")), "history alone gives the curves");
        assertTrue(Files.isRegularFile(page.resolveSibling("index-rate-distortion.png")));
        assertFalse(Files.exists(page.resolveSibling("index-reconstruction.png")), "no model, no reconstruction");
        assertTrue(html.contains("<th>s_d</th>"), "scores without anything else");
    }

    @Test
    void aFolderThatIsNoRunIsExitCodeTwoWithOneLine() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "hello");
        assertEquals(2, report("--run", dir.toString()));
        String message = err.toString().strip();
        assertTrue(message.contains("not a run folder"), message);
        assertEquals(1, message.lines().count(), message);
        assertFalse(Files.exists(dir.resolve("report")), "nothing written");
        assertEquals(2, report("--run", dir.resolve("missing").toString()));
    }

    @Test
    void hostileSettingIsEscaped() throws IOException {
        String html = Files.readString(fullPage);
        assertFalse(html.contains("<script>"), "no script element from run.json");
        assertTrue(html.contains("&lt;/td&gt;&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"),
                "the value shown as text");
    }

    @Test
    void aFailureLeavesTheEarlierPageAndNoTemporaryFiles() throws IOException {
        Path partial = historyOnly();
        Path page = dir.resolve("y.html");
        Files.writeString(page, "earlier report");
        Path blocker = dir.resolve("y-rate-distortion.png");
        Files.createDirectories(blocker);
        Files.writeString(blocker.resolve("keep"), "a folder where a plot must go");
        assertThrows(UncheckedIOException.class, () -> ReportWriter.write(partial, page, true));
        assertEquals("earlier report", Files.readString(page));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith(".")).toList(),
                    "the temporary folder is gone");
        }
    }

    @Test
    void aRefreshedReportDropsPlotsWhoseInputIsGone() throws IOException {
        Path partial = historyOnly();
        Path old = Files.createDirectories(dir.resolve("old"));
        try (Stream<Path> files = Files.list(fullPage.getParent())) {
            for (Path f : files.toList()) {
                Files.copy(f, old.resolve(f.getFileName()));
            }
        }
        assertTrue(Files.isRegularFile(old.resolve("index-reconstruction.png")));
        ReportWriter.write(partial, old.resolve("index.html"), true);
        assertFalse(Files.exists(old.resolve("index-reconstruction.png")), "no model any more, no reconstruction");
        assertTrue(Files.isRegularFile(old.resolve("index-training.png")));
    }

    @Test
    void existingPageIsReplacedOnlyWithForce() throws IOException {
        String partial = historyOnly().toString();
        Path page = dir.resolve("r.html");
        assertEquals(0, report("--run", partial, "--out", page.toString()), err::toString);
        Files.writeString(page, "old");
        assertEquals(2, report("--run", partial, "--out", page.toString()));
        assertTrue(err.toString().contains("--force"), err::toString);
        assertEquals("old", Files.readString(page), "kept without --force");
        assertEquals(0, report("--run", partial, "--out", page.toString(), "--force"), err::toString);
        assertTrue(Files.readString(page).startsWith("<!DOCTYPE html>"));
        assertTrue(Files.isRegularFile(dir.resolve("r-training.png")), "PNGs named after the page");
    }
}
