package org.fieldvae.knime.verify;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.knime.base.data.aggregation.AggregationMethod;
import org.knime.base.data.aggregation.AggregationMethods;
import org.knime.base.data.aggregation.ColumnAggregator;
import org.knime.base.node.io.filereader.ColProperty;
import org.knime.base.node.io.tablecreator.TableCreator2NodeSettings;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataType;
import org.knime.core.data.def.BooleanCell;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.LongCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.config.ConfigEditTreeModel;
import org.knime.core.node.defaultnodesettings.SettingsModelFilterString;
import org.knime.core.node.workflow.NodeID;
import org.knime.core.node.workflow.WorkflowManager;

/**
 * Builds the complete example workflows of {@code example-workflows/} through KNIME's WorkflowManager: a Table Creator
 * with one row per trial of the example's small spec (the varied setting, the trial's seed and the five stage seeds
 * the command line derives from it), a Table Row to Variable Loop Start, the FieldVAE chain of one trial with its
 * seeds and the varied setting driven by flow variables, Variable to Table Column (the trial's setting and seed on
 * the score row), a Loop End collecting one score row per trial, a GroupBy per setting (mean, minimum and maximum of
 * S_D and the trials), a Numeric Binner and a second GroupBy (the trials with S_D above 0.9 per setting), a
 * scatter plot of the score rows, and a Column Filter and Scatter Matrix on the encoder's output (the latent means
 * against theta of the last trial).
 */
final class ExampleWorkflows {

    private static final String FIELDVAE = "org.fieldvae.knime.node.";
    private static final String BASE = "org.knime.base.node.";
    /** The stages of {@code RunSettings.Stream} in declaration order: their ordinals k derive the seeds. */
    /** Labels of the latent-space view's two nodes, which the checks look up. */
    static final String LATENTS_AND_THETA = "latent means and theta";
    static final String LATENT_PLOT = "latent means against theta (last trial)";
    private static final List<String> STAGES = List.of("seed_train_data", "seed_test_data", "seed_labels",
            "seed_training", "seed_scores");

    /**
     * The size of a generated workflow: the small spec's, or a tiny one the harness executes in seconds (epochs
     * divided, fewer test samples and seeds, training sets capped).
     */
    record Scale(int epochDivisor, int testSamples, int seeds, int trainSamplesCap) {
        static final Scale SMALL = new Scale(1, 1024, 6, Integer.MAX_VALUE);
        static final Scale TINY = new Scale(100, 64, 1, 64);

        int epochs(int small) {
            return Math.max(3, small / epochDivisor);
        }
    }

    /**
     * One value of the varied setting: its label, the flow variables it sets (column name to value), and the same
     * trials for the command line: the example's spec file and the values of its axes other than the seed.
     */
    record Setting(String label, Map<String, Object> variables, String spec, Map<String, String> specValues) {
    }

    /**
     * One example: its folder, the workflow's name, the sampler's p(theta) settings, the varied settings (written after
     * the example's small spec, not read from it) and whether the trials label a fraction of the training set.
     */
    record Example(String folder, String name, Map<String, Object> distribution, List<Setting> settings,
            boolean labels) {
    }

    static final List<Example> EXAMPLES = List.of(
            // small.spec: train_samples = 32, 128, 512
            new Example("01-standard-normal", "standard-normal", Map.of("distribution", "NORMAL"),
                    List.of(samples(32), samples(128), samples(512)), false),
            // small-standard.spec, and small-hierarchical.spec with hp_decoder = intended, as-coded
            new Example("02-shifted-gaussian-hp", "shifted-gaussian-hp",
                    Map.of("distribution", "GAUSSIAN", "gaussianMean", "1,1", "gaussianVariance", "0.5,0.5"),
                    priors(), false),
            new Example("03-mixture-hp", "mixture-hp",
                    Map.of("distribution", "MIXTURE", "mixtureMeans", "-1,-1;1,1;-1,1;1,-1", "mixtureVariance",
                            "0.25"),
                    priors(), false),
            // small.spec: labels = 0, 0.02, 0.08
            new Example("04-semi-supervised", "semi-supervised", Map.of("distribution", "NORMAL"),
                    List.of(labels(0), labels(0.02), labels(0.08)), true));

    private static Setting samples(int n) {
        return new Setting("train_samples=" + n, Map.of("train_samples", n, "epochs", 300), "small.spec",
                Map.of("train_samples", String.valueOf(n)));
    }

    /** The standard prior (300 epochs) and the hierarchical one with each prior decoder (600 epochs). */
    private static List<Setting> priors() {
        return List.of(prior("STANDARD", "INTENDED", 300, "prior=standard"),
                prior("HIERARCHICAL", "INTENDED", 600, "prior=hierarchical hp_decoder=intended"),
                prior("HIERARCHICAL", "AS_CODED", 600, "prior=hierarchical hp_decoder=as-coded"));
    }

    /** The standard prior ignores the decoder; the column is there so that every row has the same variables. */
    private static Setting prior(String prior, String hpDecoder, int epochs, String label) {
        boolean standard = prior.equals("STANDARD");
        return new Setting(label, Map.of("train_samples", 256, "prior", prior, "hp_decoder", hpDecoder,
                "epochs", epochs), standard ? "small-standard.spec" : "small-hierarchical.spec",
                standard ? Map.of() : Map.of("hp_decoder", hpDecoder.equals("AS_CODED") ? "as-coded" : "intended"));
    }

    private static Setting labels(double fraction) {
        return new Setting("labels=" + fraction, Map.of("train_samples", 256, "epochs", 300,
                "label_fraction", fraction, "semi_supervised", fraction > 0), "small.spec",
                Map.of("labels", String.valueOf(fraction)));
    }

    private ExampleWorkflows() {
    }

    /**
     * The seed of one stage as the command line derives it ({@code RunSettings.derivedSeed}): the first
     * {@code nextLong()} of {@code SplittableRandom(seed + (k + 1) G)}, k the stage's ordinal, G = 0x9E3779B97F4A7C15.
     */
    static long derivedSeed(long seed, int stage) {
        return new SplittableRandom(seed + (stage + 1L) * 0x9E3779B97F4A7C15L).nextLong();
    }

    /** Builds the example's workflow at this scale into the folder {@code dir} and saves it unexecuted. */
    static WorkflowManager build(Example example, Scale scale, Path dir) throws Exception {
        HeadlessChecks.deleteTree(dir);
        WorkflowManager wfm = HeadlessChecks.project(dir);
        Map<String, NodeID> ids = new LinkedHashMap<>();
        NodeID trials = add(wfm, ids, "trials", BASE + "io.tablecreator.TableCreator2NodeFactory", 50, 300);
        NodeID loop = add(wfm, ids, "loop over trials",
                BASE + "meta.looper.variable.start.LoopStartVariable3NodeFactory", 200, 300);
        NodeID train = add(wfm, ids, "training sampler", FIELDVAE + "kle.KleSamplerNodeFactory", 350, 200);
        NodeID trainSolver = add(wfm, ids, "training solver", FIELDVAE + "darcy.DarcySolverNodeFactory", 500, 200);
        NodeID test = add(wfm, ids, "test sampler", FIELDVAE + "kle.KleSamplerNodeFactory", 350, 400);
        NodeID testSolver = add(wfm, ids, "test solver", FIELDVAE + "darcy.DarcySolverNodeFactory", 500, 400);
        NodeID labeler = example.labels()
                ? add(wfm, ids, "labeler", FIELDVAE + "label.LabelerNodeFactory", 650, 200) : null;
        NodeID learner = add(wfm, ids, "learner", FIELDVAE + "vae.VaeLearnerNodeFactory", 800, 200);
        NodeID encoder = add(wfm, ids, "encoder (test set)", FIELDVAE + "vae.VaeEncoderNodeFactory", 950, 300);
        NodeID scorer = add(wfm, ids, "scorer", FIELDVAE + "score.DisentanglementScorerNodeFactory", 1100, 300);
        NodeID append = add(wfm, ids, "setting and seed",
                BASE + "flowvariable.appendvariabletotable4.AppendVariableToTable4NodeFactory", 1250, 300);
        NodeID end = add(wfm, ids, "collect score rows", BASE + "meta.looper.LoopEndDynamicNodeFactory", 1400, 300);
        NodeID group = add(wfm, ids, "S_D per setting", BASE + "preproc.groupby.GroupByNodeFactory", 1550, 250);
        NodeID binner = add(wfm, ids, "S_D above 0.9?", BASE + "preproc.binner.BinnerNodeFactory", 1550, 400);
        NodeID above = add(wfm, ids, "trials with S_D above 0.9", BASE + "preproc.groupby.GroupByNodeFactory",
                1700, 400);
        NodeID plot = add(wfm, ids, "S_D of every trial", BASE + "viz.plotter.scatter.ScatterPlotterNodeFactory",
                1550, 550);
        NodeID latentColumns = add(wfm, ids, LATENTS_AND_THETA,
                BASE + "preproc.filter.column.DataColumnSpecFilterNodeFactory", 1100, 450);
        NodeID latentPlot = add(wfm, ids, LATENT_PLOT,
                BASE + "viz.plotter.scattermatrix.ScatterMatrixNodeFactory", 1250, 450);

        wfm.addConnection(trials, 1, loop, 1);
        wfm.addConnection(loop, 1, train, 0);
        wfm.addConnection(loop, 1, test, 0);
        wfm.addConnection(train, 1, trainSolver, 1);
        wfm.addConnection(test, 1, testSolver, 1);
        if (labeler != null) {
            wfm.addConnection(trainSolver, 1, labeler, 1);
            wfm.addConnection(labeler, 1, learner, 1);
        } else {
            wfm.addConnection(trainSolver, 1, learner, 1);
        }
        wfm.addConnection(learner, 1, encoder, 1);
        wfm.addConnection(testSolver, 1, encoder, 2);
        wfm.addConnection(encoder, 1, scorer, 1);
        wfm.addConnection(scorer, 1, append, 2);
        wfm.addConnection(append, 1, end, 1);
        wfm.addConnection(end, 1, group, 1);
        wfm.addConnection(end, 1, binner, 1);
        wfm.addConnection(binner, 1, above, 1);
        wfm.addConnection(end, 1, plot, 1);
        // in the loop body without leading to the Loop End: it runs in every iteration and keeps the last trial
        wfm.addConnection(encoder, 1, latentColumns, 1);
        wfm.addConnection(latentColumns, 1, latentPlot, 1);

        List<String> columns = new ArrayList<>(List.of("setting", "seed"));
        for (String key : example.settings().get(0).variables().keySet().stream().sorted().toList()) {
            columns.add(key);
        }
        columns.add("lr_drop_epoch");
        columns.add("rec_epochs");
        columns.addAll(STAGES);
        setTable(wfm, trials, columns, rows(example, scale, columns));

        // every column of the trials table becomes a flow variable; the score rows get the setting and the seed
        configure(wfm, loop, Map.of("column_selection/filter-type", "STANDARD",
                "column_selection/included_names", columns.toArray(String[]::new),
                "column_selection/excluded_names", new String[0],
                "column_selection/enforce_option", "EnforceInclusion"), Map.of());
        configure(wfm, append, Map.of("filter/mode", "MANUAL",
                "filter/manualFilter/manuallySelected", new String[] {"setting", "seed"}), Map.of());
        if (Boolean.getBoolean("fieldvae.examples.debug")) {
            System.out.println("loop start " + wfm.getNodeContainer(loop).getNodeSettings());
            System.out.println("append " + wfm.getNodeContainer(append).getNodeSettings());
        }
        Map<String, Object> sampler = new LinkedHashMap<>(example.distribution());
        sampler.put("grid", 17);
        sampler.put("modes", 2);
        Map<String, Object> trainModel = new LinkedHashMap<>(sampler);
        trainModel.put("design", "LHS");
        configure(wfm, train, trainModel, Map.of("count", "train_samples", "seed", "seed_train_data"));
        Map<String, Object> testModel = new LinkedHashMap<>(sampler);
        testModel.put("design", "MC");
        testModel.put("count", scale.testSamples());
        configure(wfm, test, testModel, Map.of("seed", "seed_test_data"));
        if (labeler != null) {
            configure(wfm, labeler, Map.of("stratified", false),
                    Map.of("fraction", "label_fraction", "seed", "seed_labels"));
        }
        configureLearner(wfm, learner, example);
        configure(wfm, encoder, Map.of("fields/source", "ONE_COLUMN", "fields/fieldColumn", "output"), Map.of());
        configure(wfm, scorer, Map.of("latentColumns/manualFilter/manuallySelected", new String[] {"z_mean_1",
            "z_mean_2"}, "thetaColumns/manualFilter/manuallySelected", new String[] {"theta_1", "theta_2"}),
                Map.of("seed", "seed_scores"));
        configure(wfm, latentColumns, Map.of("column-filter/filter-type", "STANDARD",
                "column-filter/included_names", new String[] {"z_mean_1", "z_mean_2", "theta_1", "theta_2"},
                "column-filter/excluded_names", new String[0],
                "column-filter/enforce_option", "EnforceInclusion"), Map.of());
        configureGroupBy(wfm, group, List.of("setting"), List.of("Mean", "Minimum", "Maximum", "Count"));
        configureBinner(wfm, binner);
        configureGroupBy(wfm, above, List.of("setting", ABOVE), List.of("Count"));
        wfm.save(dir.toFile(), new ExecutionMonitor(), true);
        // KNIME 5.6 also writes these; the workflow loads without them, and they are not part of the example
        HeadlessChecks.deleteTree(dir.resolve(".artifacts"));
        java.nio.file.Files.deleteIfExists(dir.resolve(".savedWithData"));
        return wfm;
    }

    private static List<List<Object>> rows(Example example, Scale scale, List<String> columns) {
        List<List<Object>> rows = new ArrayList<>();
        for (Setting setting : example.settings()) {
            for (long seed = 1; seed <= scale.seeds(); seed++) {
                Map<String, Object> v = new LinkedHashMap<>(setting.variables());
                int epochs = scale.epochs((Integer) v.get("epochs"));
                v.put("epochs", epochs);
                v.put("train_samples", Math.min((Integer) v.get("train_samples"), scale.trainSamplesCap()));
                v.put("rec_epochs", recEpochs(epochs));
                v.put("lr_drop_epoch", (int) Math.round(epochs * (1 - 0.15))); // FAST_SETTLE_FRACTION
                v.put("setting", setting.label());
                v.put("seed", seed);
                for (int k = 0; k < STAGES.size(); k++) {
                    v.put(STAGES.get(k), derivedSeed(seed, k));
                }
                List<Object> row = new ArrayList<>();
                for (String c : columns) {
                    row.add(v.get(c));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** The reconstruction-only epochs of the fast schedule (TrainingSchedule.FAST_REC_FRACTION = 0.2). */
    static int recEpochs(int epochs) {
        return (int) Math.round(epochs * 0.2);
    }

    private static NodeID add(WorkflowManager wfm, Map<String, NodeID> ids, String label, String factory, int x,
            int y) throws Exception {
        @SuppressWarnings("unchecked")
        NodeFactory<NodeModel> f = (NodeFactory<NodeModel>) Class.forName(factory, true,
                classLoaderOf(factory)).getDeclaredConstructor().newInstance();
        NodeID id = wfm.createAndAddNode(f);
        wfm.getNodeContainer(id).setCustomDescription(label);
        var ui = org.knime.core.node.workflow.NodeUIInformation.builder().setNodeLocation(x, y, -1, -1).build();
        wfm.getNodeContainer(id).setUIInformation(ui);
        var annotation = wfm.getNodeContainer(id).getNodeAnnotation();
        annotation.getData().setText(label);
        ids.put(label, id);
        return id;
    }

    /** KNIME's base nodes come from org.knime.base (required by this fragment), the FieldVAE ones from the host. */
    private static ClassLoader classLoaderOf(String factory) {
        return factory.startsWith(BASE) ? TableCreator2NodeSettings.class.getClassLoader()
                : ExampleWorkflows.class.getClassLoader();
    }

    private static void setTable(WorkflowManager wfm, NodeID id, List<String> columns, List<List<Object>> rows)
            throws Exception {
        TableCreator2NodeSettings table = new TableCreator2NodeSettings();
        int cells = columns.size() * rows.size();
        int[] rowIndices = new int[cells];
        int[] columnIndices = new int[cells];
        String[] values = new String[cells];
        TreeMap<Integer, ColProperty> properties = new TreeMap<>();
        for (int c = 0; c < columns.size(); c++) {
            ColProperty property = new ColProperty();
            property.setColumnSpec(new DataColumnSpecCreator(columns.get(c), typeOf(rows.get(0).get(c))).createSpec());
            property.setMissingValuePattern("");
            property.setUserSettings(true);
            properties.put(c, property);
        }
        int i = 0;
        for (int r = 0; r < rows.size(); r++) { // the node reads the cells row by row
            for (int c = 0; c < columns.size(); c++) {
                rowIndices[i] = r;
                columnIndices[i] = c;
                values[i] = String.valueOf(rows.get(r).get(c));
                i++;
            }
        }
        table.setRowIndices(rowIndices);
        table.setColumnIndices(columnIndices);
        table.setValues(values);
        table.setColumnProperties(properties);
        table.setRowIdPrefix("trial ");
        NodeSettings settings = wfm.getNodeContainer(id).getNodeSettings();
        NodeSettings model = (NodeSettings) settings.addNodeSettings("model");
        table.saveSettings(model);
        wfm.loadNodeSettings(id, settings);
    }

    private static DataType typeOf(Object value) {
        if (value instanceof Integer) {
            return IntCell.TYPE;
        } else if (value instanceof Long) {
            return LongCell.TYPE;
        } else if (value instanceof Double) {
            return DoubleCell.TYPE;
        } else if (value instanceof Boolean) {
            return BooleanCell.TYPE;
        }
        return StringCell.TYPE;
    }

    /** The fast schedule of the small specs (TrainingSchedule.FAST) in the learner's options. */
    private static void configureLearner(WorkflowManager wfm, NodeID learner, Example example) throws Exception {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("fields/source", "ONE_COLUMN");
        model.put("fields/fieldColumn", "output");
        model.put("schedule/batch", 64);
        model.put("schedule/learningRate/0/fromEpoch", 0);
        model.put("schedule/learningRate/0/rate", 1e-3);
        model.put("schedule/learningRate/1/fromEpoch", 255);
        model.put("schedule/learningRate/1/rate", 1e-4);
        model.put("beta/betaSchedule", "CYCLICAL");
        model.put("beta/fixedBeta", 1.0);
        model.put("beta/cycles", 1);
        model.put("beta/cycleRatio", 0.4);
        model.put("schedule/outputVarianceStart", "ZERO");
        model.put("schedule/outputVarianceRate", 30.0);
        model.put("run/checkpointEvery", 10);
        model.put("priorAndLoss/semiSupervised", false);
        model.put("thetaColumns/manualFilter/manuallySelected", new String[] {"theta_1", "theta_2"});
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("run/seed", "seed_training");
        variables.put("schedule/epochs", "epochs");
        variables.put("schedule/recEpochs", "rec_epochs");
        variables.put("schedule/learningRate/1/fromEpoch", "lr_drop_epoch");
        if (example.settings().get(0).variables().containsKey("prior")) {
            variables.put("priorAndLoss/prior", "prior");
            variables.put("priorAndLoss/hpDecoder", "hp_decoder");
        }
        if (example.labels()) {
            variables.put("priorAndLoss/semiSupervised", "semi_supervised");
        }
        configure(wfm, learner, model, variables);
    }

    /**
     * Numeric Binner: appends the column {@value #ABOVE}, "S_D > 0.9" or "S_D <= 0.9" (a disentangled trial, the
     * threshold of the examples' READMEs), which the second GroupBy counts per setting.
     */
    private static void configureBinner(WorkflowManager wfm, NodeID binner) throws Exception {
        NodeSettings settings = wfm.getNodeContainer(binner).getNodeSettings();
        NodeSettings model = (NodeSettings) settings.addNodeSettings("model");
        NodeSettings column = (NodeSettings) model.addNodeSettings("s_d");
        bin(column.addNodeSettings("S_D <= 0.9_0"), "S_D <= 0.9", Double.NEGATIVE_INFINITY, false, 0.9, false);
        bin(column.addNodeSettings("S_D > 0.9_1"), "S_D > 0.9", 0.9, true, Double.POSITIVE_INFINITY, true);
        model.addString("s_d_is_appended", ABOVE);
        model.addStringArray("binned_columns", "s_d");
        wfm.loadNodeSettings(binner, settings);
    }

    private static final String ABOVE = "S_D above 0.9";

    private static void bin(org.knime.core.node.NodeSettingsWO bin, String name, double left, boolean leftOpen,
            double right, boolean rightOpen) {
        bin.addString("bin_name", name);
        bin.addBoolean("left_open", leftOpen);
        bin.addDouble("left_value", left);
        bin.addBoolean("right_open", rightOpen);
        bin.addDouble("right_value", right);
    }

    private static void configureGroupBy(WorkflowManager wfm, NodeID group, List<String> by, List<String> methods)
            throws Exception {
        NodeSettings settings = wfm.getNodeContainer(group).getNodeSettings();
        NodeSettings model = (NodeSettings) settings.getNodeSettings("model");
        new SettingsModelFilterString("grouByColumns", by, List.of()).saveSettingsTo(model);
        var sd = new DataColumnSpecCreator("s_d", DoubleCell.TYPE).createSpec();
        List<ColumnAggregator> aggregators = new ArrayList<>();
        for (String label : methods) {
            aggregators.add(new ColumnAggregator(sd, method(label)));
        }
        ColumnAggregator.saveColumnAggregators(model, aggregators);
        wfm.loadNodeSettings(group, settings);
    }

    private static AggregationMethod method(String label) {
        for (AggregationMethod m : AggregationMethods.getCompatibleMethods(DoubleCell.TYPE, true)) {
            if (m.getLabel().equals(label)) {
                return m;
            }
        }
        throw new IllegalStateException("no aggregation method " + label);
    }

    /**
     * Sets the model settings at these key paths (a/b/c) and drives the settings at the variables' key paths from the
     * named flow variables.
     */
    private static void configure(WorkflowManager wfm, NodeID id, Map<String, Object> model,
            Map<String, String> variables) throws Exception {
        NodeSettings settings = wfm.getNodeContainer(id).getNodeSettings();
        NodeSettings m = (NodeSettings) settings.getNodeSettings("model");
        for (Map.Entry<String, Object> e : model.entrySet()) {
            String[] path = e.getKey().split("/");
            NodeSettings parent = m;
            for (int i = 0; i < path.length - 1; i++) {
                parent = parent.containsKey(path[i]) ? (NodeSettings) parent.getNodeSettings(path[i])
                        : (NodeSettings) parent.addNodeSettings(path[i]);
            }
            NodeChain.put(parent, path[path.length - 1], e.getValue());
        }
        if (!variables.isEmpty()) {
            ConfigEditTreeModel tree = ConfigEditTreeModel.create(m);
            for (Map.Entry<String, String> e : variables.entrySet()) {
                var node = tree.findChildForKeyPath(e.getKey().split("/"));
                if (node == null) {
                    throw new IllegalStateException("no setting " + e.getKey() + " in " + wfm.getNodeContainer(id));
                }
                node.setUseVariableName(e.getValue());
            }
            tree.writeVariablesTo((NodeSettings) settings.addNodeSettings("variables"));
        }
        wfm.loadNodeSettings(id, settings);
    }

}
