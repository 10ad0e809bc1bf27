package org.fieldvae.score;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.fieldvae.AtomicFile;
import org.fieldvae.InvalidInputException;
import org.fieldvae.Provenance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The JSON document of {@code fieldvae score} and of a run folder's {@code scores.json}: one object with
 * {@code scores} ({@link Scores#asMap()}), {@code settings} (the {@link ScoreSettings}, snake_case),
 * {@code input} (what was scored, given by the caller) and {@code provenance}. One implementation for the
 * command and the experiment run, so the two files cannot drift apart.
 */
public final class ScoresFile {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ScoresFile() {
    }

    /** The document as ordered maps and lists, ready for JSON. */
    public static Map<String, Object> document(Scores scores, ScoreSettings settings, Map<String, Object> input) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("k", settings.k());
        s.put("estimator", settings.estimator().name().toLowerCase(Locale.ROOT));
        s.put("starts", settings.starts());
        s.put("permutations", settings.permutations());
        s.put("seed", settings.seed());
        s.put("max_evaluations", settings.maxEvaluations());
        s.put("tolerance", settings.tolerance());
        s.put("bins", settings.bins());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("scores", scores.asMap());
        doc.put("settings", s);
        doc.put("input", new LinkedHashMap<>(input));
        doc.put("provenance", Provenance.current().asMap());
        return doc;
    }

    /**
     * Writes {@link #document} through a temporary file moved into place.
     *
     * @param input what was scored (file names, SHA-256, column names), in the order to write
     */
    public static void write(Path target, boolean overwrite, Scores scores, ScoreSettings settings,
            Map<String, Object> input) {
        Map<String, Object> doc = document(scores, settings, input);
        try {
            AtomicFile.write(target, overwrite, file -> JSON.writeValue(file.toFile(), doc));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + org.fieldvae.IoReason.of(e), e);
        }
    }

    /**
     * The numeric entries of {@code scores} in a scores JSON (s_d, s_kl, mig, ...; lists and warnings left out).
     *
     * @throws InvalidInputException naming the file when it is missing or not such a document
     */
    public static Map<String, Double> readScores(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": does not exist", e);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(file + ": is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            if (!file.toFile().exists()) {
                throw new InvalidInputException(file + ": does not exist", e);
            }
            throw new UncheckedIOException("cannot read " + file, e);
        }
        JsonNode scores = root == null ? null : root.get("scores");
        if (scores == null || !scores.isObject()) {
            throw new InvalidInputException(file + ": has no \"scores\" object");
        }
        Map<String, Double> out = new LinkedHashMap<>();
        scores.fields().forEachRemaining(e -> {
            if (e.getValue().isNumber()) {
                out.put(e.getKey(), e.getValue().asDouble());
            }
        });
        return out;
    }
}
