package org.fieldvae.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.fieldvae.InvalidInputException;
import org.fieldvae.Provenance;
import org.fieldvae.field.DatasetFiles;
import org.fieldvae.field.DatasetReader;
import org.fieldvae.label.LabelResult;
import org.fieldvae.label.LabelSettings;
import org.fieldvae.label.Labeler;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code label}: marks samples of a dataset as labelled for the semi-supervised loss (Eq. 29) and writes
 * the dataset plus its {@code labelled} mask. The output defaults to the input file, replaced atomically
 * once the new file is complete; like every output, an existing file (the input included) is replaced only
 * with {@code --force}.
 */
@Command(name = "label", mixinStandardHelpOptions = true,
        description = "Mark a fraction or count of samples as labelled (their theta used by the semi-supervised loss).")
public final class LabelCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Dataset (HDF5) with generative_params.")
    Path data;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Amount amount;

    static final class Amount {
        @Option(names = "--fraction", paramLabel = "F",
                description = "Fraction in [0, 1] of samples to label: round(F N), at least 1 when F > 0.")
        Double fraction;

        @Option(names = "--count", paramLabel = "C", description = "Number of samples to label, 0..N.")
        Integer count;
    }

    @Option(names = "--seed", required = true, paramLabel = "S", description = "Seed of the random choice.")
    long seed;

    @Option(names = "--stratified",
            description = "Spread the labels evenly over the quantiles of theta's first principal direction.")
    boolean stratified;

    @Option(names = "--out", paramLabel = "FILE", description = "Output dataset (default: the input, replaced; needs --force).")
    Path out;

    @Option(names = "--force", description = "Replace an existing output file.")
    boolean force;

    @Override
    public Integer call() {
        LabelSettings settings = amount.fraction != null ? LabelSettings.ofFraction(amount.fraction, seed, stratified)
                : LabelSettings.ofCount(amount.count, seed, stratified);
        Path target = out != null ? out : data;
        try (OutputOptions.Locks locks = OutputOptions.lock(target)) {
            return label(settings, target);
        }
    }

    private int label(LabelSettings settings, Path target) {
        LabelResult result;
        int samples;
        try (DatasetReader reader = DatasetReader.open(data)) {
            if (reader.parameters() == 0) {
                throw new InvalidInputException(data + ": has no generative_params to label");
            }
            samples = reader.samples();
            result = Labeler.label(settings, reader.theta());
        }
        try (ConsoleProgress progress = ConsoleProgress.onStderr()) {
            DatasetFiles.withLabelled(data, target, result.labelled(), attributes(settings, result), force, progress);
        }
        spec.commandLine().getOut().printf("labelled %d of %d samples: %s%n", result.count(), samples, target);
        return 0;
    }

    private Map<String, String> attributes(LabelSettings settings, LabelResult result) {
        Map<String, String> a = new LinkedHashMap<>();
        if (settings.amount() instanceof LabelSettings.Fraction f) {
            a.put("label_fraction", Double.toString(f.value()));
        }
        a.put("label_count", Integer.toString(result.count()));
        a.put("label_seed", Long.toString(settings.seed()));
        a.put("label_stratified", Boolean.toString(settings.stratified()));
        a.put("label_input", data.toString());
        a.put("label_input_sha256", DatasetFiles.sha256(data));
        Provenance.current().asMap().forEach((k, v) -> a.put("label_" + k, v));
        return a;
    }
}
