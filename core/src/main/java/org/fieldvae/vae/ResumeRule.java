package org.fieldvae.vae;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.fieldvae.InvalidInputException;
import org.fieldvae.Progress;
import org.fieldvae.Provenance;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The one rule for continuing training from a checkpoint, used by {@code fieldvae train --resume}, by sweep
 * trials and by the KNIME VAE Learner: a checkpoint is continued only by a run with the same settings, the
 * same training data and the same FieldVAE version. Every checkpoint carries a fingerprint of these
 * ({@value #ENTRY}: the settings as JSON, the SHA-256 of the training data's values, the version), written
 * by {@link VaeTrainer}; {@link #differences} compares it with what a run asks for, and {@link #resume}
 * refuses a mismatch with a message naming each difference (docs/cli-contract.md).
 *
 * <p>Only {@code checkpointEvery} may differ: it decides when checkpoints are written, not which steps are
 * taken, so a resumed run still takes exactly the steps of an uninterrupted one.
 */
public final class ResumeRule {
    /** The checkpoint entry holding the fingerprint. */
    static final String ENTRY = "fingerprint.json";
    /** The name of the data in a {@link Difference}. */
    public static final String DATA = "data";
    /** The name of the FieldVAE version in a {@link Difference}. */
    public static final String VERSION = "fieldvae_version";
    private static final String SETTINGS = "settings";
    private static final String DATA_SHA256 = "data_sha256";
    private static final Set<String> FREE = Set.of("checkpointEvery");

    private ResumeRule() {
    }

    /**
     * One way in which a checkpoint differs from the run that wants to continue it.
     *
     * @param setting a {@link VaeSettings} component name, {@value #DATA} or {@value #VERSION}
     * @param recorded the checkpoint's value, as text
     * @param asked this run's value, as text
     */
    public record Difference(String setting, String recorded, String asked) {
    }

    /** A refused resume: the message lists every {@link Difference}. */
    public static final class MismatchException extends InvalidInputException {
        private static final long serialVersionUID = 1L;
        private final transient List<Difference> differences;
        private final transient Path checkpoint;

        MismatchException(Path checkpoint, List<Difference> differences) {
            super("checkpoint " + checkpoint + " was made by another run: " + describe(differences));
            this.checkpoint = checkpoint;
            this.differences = List.copyOf(differences);
        }

        public List<Difference> differences() {
            return differences;
        }

        public Path checkpoint() {
            return checkpoint;
        }

        private static String describe(List<Difference> differences) {
            List<String> parts = new ArrayList<>();
            for (Difference d : differences) {
                parts.add(d.setting() + " " + d.recorded() + " there, " + d.asked() + " here");
            }
            return String.join("; ", parts);
        }
    }

    /**
     * Continues the checkpoint in {@code checkpointDir} if it was made with these settings and data.
     *
     * @throws MismatchException naming what differs
     * @throws InvalidInputException when there is no checkpoint or it is not readable
     */
    public static TrainedModel resume(Path checkpointDir, VaeSettings settings, TrainingData data, Progress progress) {
        List<Difference> differences = differences(checkpointDir, settings, data);
        if (!differences.isEmpty()) {
            throw new MismatchException(checkpointDir.resolve(VaeTrainer.CHECKPOINT), differences);
        }
        return VaeTrainer.resume(checkpointDir, data, progress);
    }

    /**
     * What differs between the checkpoint in {@code checkpointDir} and a run with these settings and data;
     * empty when it may be continued. A checkpoint without a fingerprint (written before fingerprints
     * existed) differs in {@value #VERSION}.
     *
     * @throws InvalidInputException when there is no checkpoint or it is not readable
     */
    public static List<Difference> differences(Path checkpointDir, VaeSettings settings, TrainingData data) {
        Path zip = checkpointDir.resolve(VaeTrainer.CHECKPOINT);
        if (!Files.isRegularFile(zip)) {
            throw new InvalidInputException("no checkpoint to resume from: " + zip + " does not exist");
        }
        Map<String, byte[]> entries = ModelArchive.read(zip);
        byte[] stored = entries.get(ENTRY);
        if (stored == null) {
            return List.of(new Difference(VERSION, "unknown (the checkpoint has no fingerprint)", Provenance.version()));
        }
        JsonNode recorded = ModelArchive.json(stored, JsonNode.class, zip, ENTRY);
        JsonNode asked = ModelArchive.json(fingerprint(settings, data), JsonNode.class, zip, ENTRY);
        List<Difference> out = new ArrayList<>();
        // flat, so that a checkpoint written before the settings were grouped compares setting by setting
        compareSettings(SettingsJson.flat(withFallbacks(recorded.path(SETTINGS))), SettingsJson.flat(asked.path(SETTINGS)),
                out);
        if (!recorded.path(DATA_SHA256).equals(asked.path(DATA_SHA256))) {
            out.add(new Difference(DATA, "SHA-256 " + recorded.path(DATA_SHA256).asText(),
                    "SHA-256 " + asked.path(DATA_SHA256).asText()));
        }
        if (!recorded.path(VERSION).equals(asked.path(VERSION))) {
            out.add(new Difference(VERSION, recorded.path(VERSION).asText(), asked.path(VERSION).asText()));
        }
        return out;
    }

    /**
     * The recorded settings with the values that the readers give settings added since the checkpoint was
     * written (what its run ran, e.g. running batch-norm statistics), so that only real differences count.
     */
    private static JsonNode withFallbacks(JsonNode settings) {
        try {
            // through the JSON text, as the run's own fingerprint is read, so that numbers compare as the same nodes
            return ModelArchive.JSON.readTree(ModelArchive.json(SettingsJson.read(settings)));
        } catch (IllegalArgumentException | IOException e) {
            return settings; // settings this version cannot read compare as written, and name what differs
        }
    }

    private static void compareSettings(JsonNode recorded, JsonNode asked, List<Difference> out) {
        Set<String> names = new java.util.LinkedHashSet<>();
        recorded.fieldNames().forEachRemaining(names::add);
        asked.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            if (!FREE.contains(name) && !recorded.path(name).equals(asked.path(name))) {
                out.add(new Difference(name, text(recorded.path(name)), text(asked.path(name))));
            }
        }
    }

    private static String text(JsonNode node) {
        if (node.isMissingNode()) {
            return "(none)";
        }
        if (node.isArray() && node.size() == 1) {
            return text(node.get(0));
        }
        return node.isTextual() ? node.asText() : node.toString();
    }

    /** The fingerprint entry of a run: settings, data SHA-256, FieldVAE version, as JSON. */
    static byte[] fingerprint(VaeSettings settings, TrainingData data) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put(VERSION, Provenance.version());
        doc.put(DATA_SHA256, dataSha256(data));
        doc.put(SETTINGS, settings);
        return ModelArchive.json(doc);
    }

    /**
     * SHA-256 (hex) of the training data's values: every field value (float32, big-endian, sample by
     * sample in [sample][channel][i][j] order), then theta (float64) and the labelled mask (one byte each)
     * when present. Values, not a file's bytes, so that a dataset from a file and the same values from a
     * KNIME table have one fingerprint.
     */
    public static String dataSha256(TrainingData data) {
        MessageDigest sha = sha256();
        float[][][][] fields = data.fields();
        ByteBuffer row = ByteBuffer.allocate(Float.BYTES * fields[0][0][0].length);
        for (float[][][] sample : fields) {
            for (float[][] channel : sample) {
                for (float[] line : channel) {
                    row.clear();
                    row.asFloatBuffer().put(line);
                    sha.update(row.array(), 0, Float.BYTES * line.length);
                }
            }
        }
        if (data.theta() != null) {
            ByteBuffer value = ByteBuffer.allocate(Double.BYTES);
            for (double[] t : data.theta()) {
                for (double v : t) {
                    value.clear();
                    value.putDouble(v);
                    sha.update(value.array());
                }
            }
        }
        if (data.labelled() != null) {
            for (boolean l : data.labelled()) {
                sha.update((byte) (l ? 1 : 0));
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
