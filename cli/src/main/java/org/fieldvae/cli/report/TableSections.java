package org.fieldvae.cli.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.fieldvae.InvalidInputException;
import org.fieldvae.field.DatasetFiles;
import org.fieldvae.field.hdf5.Hdf5File;
import org.fieldvae.vae.VaeSettings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Tables of the page: every key of {@code scores.json}, the run's settings ({@code run.json}), the HDF5
 * attributes of the datasets and the model's settings. Numbers are printed as Java prints a double, which
 * reads back to the same value, so a reader can compare them with the JSON.
 */
final class TableSections {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TableSections() {
    }

    static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new InvalidInputException(file + ": not readable JSON: " + e.getMessage(), e);
        }
    }

    /** The scores object of {@code fieldvae score}'s JSON, then its settings, input and provenance. */
    static void scores(Path file, Html html) {
        JsonNode doc = readJson(file);
        JsonNode scores = doc.has("scores") ? doc.get("scores") : doc;
        html.heading(3, "Scores of the test latents");
        html.table(flatten(scores));
        Iterator<Map.Entry<String, JsonNode>> rest = doc.fields();
        while (rest.hasNext() && scores != doc) {
            Map.Entry<String, JsonNode> part = rest.next();
            if (part.getValue() != scores) {
                html.heading(3, "Scores: " + part.getKey());
                html.table(flatten(part.getValue()));
            }
        }
    }

    /** Each input of the run folder: size, modification time and SHA-256, or "missing". */
    static void inputs(Path runDir, List<String> names, Html html) {
        Map<String, String> rows = new LinkedHashMap<>();
        for (String name : names) {
            Path file = runDir.resolve(name);
            rows.put(name, Files.isRegularFile(file) ? describe(file) : "missing");
        }
        html.table(rows);
    }

    private static String describe(Path file) {
        try {
            return Files.size(file) + " bytes, modified " + Files.getLastModifiedTime(file)
                    + ", SHA-256 " + DatasetFiles.sha256(file);
        } catch (IOException | InvalidInputException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    static void json(Path file, String title, Html html) {
        html.heading(3, title);
        html.table(flatten(readJson(file)));
    }

    static void attributes(Path dataset, String title, Html html) {
        try (Hdf5File data = Hdf5File.open(dataset)) {
            html.heading(3, title);
            Map<String, String> rows = new LinkedHashMap<>();
            rows.put("samples x parameters", data.has("generative_params")
                    ? Arrays.toString(data.shape("generative_params")) : "none");
            rows.putAll(data.attributes());
            html.table(rows);
        }
    }

    static void modelSettings(VaeSettings settings, String title, Html html) {
        html.heading(3, title);
        html.table(flatten(JSON.valueToTree(settings)));
    }

    /**
     * Objects become dotted keys ({@code provenance.java_version}); arrays of numbers and other arrays
     * stay one compact JSON value; scalars are their text (doubles as {@link Double#toString}).
     */
    static Map<String, String> flatten(JsonNode node) {
        Map<String, String> rows = new LinkedHashMap<>();
        flatten("", node, rows);
        return rows;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> rows) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), f.getValue(), rows);
            }
        } else {
            rows.put(prefix.isEmpty() ? "(value)" : prefix, node.isValueNode() ? node.asText() : node.toString());
        }
    }
}
