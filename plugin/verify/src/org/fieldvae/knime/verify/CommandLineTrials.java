package org.fieldvae.knime.verify;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.fieldvae.Progress;
import org.fieldvae.experiment.RunFolder;
import org.fieldvae.experiment.Sweep;
import org.fieldvae.experiment.SweepSpec;
import org.fieldvae.experiment.TrialResult;
import org.knime.core.data.DataRow;
import org.knime.core.data.DoubleValue;
import org.knime.core.node.BufferedDataTable;

/**
 * The command line's side of the example workflows' check: every trial of a workflow, run again as
 * {@code fieldvae sweep --spec} runs it (the engine's {@link Sweep}, in this process, so with the same ND4J build and
 * thread count), from the example's own spec files rewritten to the workflow's size; then the workflow's score rows
 * compared with the sweep's results, S_D and S_KL bit for bit.
 */
final class CommandLineTrials {

    /**
     * The outcome: one line per trial, the mismatches (empty when every score is identical), and the latent table
     * ({@code latents-test.csv}) of the last trial the command line ran.
     */
    record Comparison(List<String> trials, List<String> mismatches, Path lastLatents) {
    }

    private CommandLineTrials() {
    }

    /**
     * @param collected the workflow's Loop End table: one score row per trial, settings in order, seeds 1..n within
     */
    static Comparison compare(Path exampleDir, ExampleWorkflows.Example example, ExampleWorkflows.Scale scale,
            BufferedDataTable collected, Path work) throws Exception {
        List<double[]> workflow = scoreRows(collected);
        List<String> trials = new ArrayList<>();
        List<String> mismatches = new ArrayList<>();
        int row = 0;
        Path lastLatents = null;
        for (int i = 0; i < example.settings().size(); i++) {
            ExampleWorkflows.Setting setting = example.settings().get(i);
            String text = tinySpec(Files.readString(exampleDir.resolve(setting.spec())), setting, scale);
            SweepSpec spec = SweepSpec.parse(text, setting.spec() + " at the harness's size");
            if (!spec.axes().stream().allMatch("seed"::equals)) {
                throw new IllegalStateException(setting.spec() + " varies " + spec.axes() + ", of which setting '"
                        + setting.label() + "' fixes only " + setting.specValues().keySet());
            }
            Path dir = work.resolve("command-line").resolve(example.name()).resolve("setting-" + i);
            for (TrialResult cli : Sweep.run(spec, dir, 1, true, Progress.NONE).trials()) {
                String name = setting.label() + " " + cli.trial().name();
                lastLatents = dir.resolve(cli.trial().name()).resolve(RunFolder.LATENTS_TEST);
                if (!cli.completed()) {
                    mismatches.add(name + ": the command line's trial failed: " + cli.failure());
                } else if (row >= workflow.size()) {
                    mismatches.add(name + ": no score row in the workflow");
                } else {
                    double[] wf = workflow.get(row);
                    trials.add("%s: S_D %s, S_KL %s".formatted(name, cli.sD(), cli.sKl()));
                    if (Double.doubleToLongBits(wf[0]) != Double.doubleToLongBits(cli.sD())
                            || Double.doubleToLongBits(wf[1]) != Double.doubleToLongBits(cli.sKl())) {
                        mismatches.add("%s: workflow S_D %s, S_KL %s; command line S_D %s, S_KL %s".formatted(name,
                                wf[0], wf[1], cli.sD(), cli.sKl()));
                    }
                }
                row++;
            }
        }
        if (row != workflow.size()) {
            mismatches.add(workflow.size() + " score rows in the workflow, " + row + " trials on the command line");
        }
        return new Comparison(trials, mismatches, lastLatents);
    }

    /**
     * The spec of one setting at the workflow's size: the setting's axis values, the training set capped, the test set,
     * epochs and reconstruction-only epochs as {@link ExampleWorkflows} sizes them, seeds 1..n; every other key as the
     * example's spec gives it.
     */
    static String tinySpec(String text, ExampleWorkflows.Setting setting, ExampleWorkflows.Scale scale) {
        Map<String, String> values = new LinkedHashMap<>();
        SweepSpec.parse(text, setting.spec()).settings().forEach((key, list) -> values.put(key,
                String.join(", ", list.stream().map(v -> v.contains(",") ? '"' + v + '"' : v).toList())));
        values.putAll(setting.specValues());
        int epochs = scale.epochs(Integer.parseInt(values.get("epochs")));
        values.put("epochs", String.valueOf(epochs));
        values.put("rec_epochs", String.valueOf(ExampleWorkflows.recEpochs(epochs)));
        values.put("train_samples", String.valueOf(
                Math.min(Integer.parseInt(values.get("train_samples")), scale.trainSamplesCap())));
        values.put("test_samples", String.valueOf(scale.testSamples()));
        values.put("seed", scale.seeds() == 1 ? "1" : "1.." + scale.seeds());
        StringBuilder b = new StringBuilder();
        values.forEach((key, value) -> b.append(key).append(" = ").append(value).append('\n'));
        return b.toString();
    }

    /** S_D and S_KL of every row, in the table's order. */
    private static List<double[]> scoreRows(BufferedDataTable table) {
        int sD = table.getDataTableSpec().findColumnIndex("s_d");
        int sKl = table.getDataTableSpec().findColumnIndex("s_kl");
        List<double[]> rows = new ArrayList<>();
        for (DataRow r : table) {
            rows.add(new double[] {((DoubleValue) r.getCell(sD)).getDoubleValue(),
                ((DoubleValue) r.getCell(sKl)).getDoubleValue()});
        }
        return rows;
    }
}
