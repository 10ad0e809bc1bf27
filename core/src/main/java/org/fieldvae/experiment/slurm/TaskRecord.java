package org.fieldvae.experiment.slurm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.fieldvae.AtomicFile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Which array task a trial was last submitted as: {@value #FILE} in the trial folder, written by the
 * submission. With the controller's answer for that task it says whether the trial is queued, running or
 * ended without finishing.
 *
 * @param arrayJobId   the job array's id
 * @param index        the array task index (the trial's index)
 * @param summaryJobId the summary job submitted with the array, or the empty string
 * @param log          the task's log file
 * @param submitted    when it was submitted (ISO-8601)
 */
public record TaskRecord(String arrayJobId, int index, String summaryJobId, String log, String submitted) {
    /** The record's file inside a trial folder. */
    public static final String FILE = "slurm-task.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The task's id for scontrol and scancel: {@code J_i}. */
    public String taskId() {
        return arrayJobId + "_" + index;
    }

    /** The record in a trial folder, or empty when the trial was never submitted (or the file is unreadable). */
    public static Optional<TaskRecord> read(Path trialDir) {
        Path file = trialDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Map<String, Object> m = JSON.readValue(file.toFile(), new TypeReference<Map<String, Object>>() {
            });
            return Optional.of(new TaskRecord(String.valueOf(m.get("array_job_id")),
                    ((Number) m.get("index")).intValue(), String.valueOf(m.getOrDefault("summary_job_id", "")),
                    String.valueOf(m.getOrDefault("log", "")), String.valueOf(m.getOrDefault("submitted", ""))));
        } catch (JsonProcessingException | ClassCastException | NullPointerException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the record into the trial folder (created if missing), atomically. */
    public void write(Path trialDir) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("array_job_id", arrayJobId);
        m.put("index", index);
        m.put("summary_job_id", summaryJobId);
        m.put("log", log);
        m.put("submitted", submitted);
        Path file = trialDir.resolve(FILE);
        try {
            Files.createDirectories(trialDir);
            AtomicFile.write(file, true, f -> JSON.writeValue(f.toFile(), m));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
