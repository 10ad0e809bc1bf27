package org.fieldvae.knime.verify;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.fieldvae.latent.LatentFile;
import org.knime.core.data.DataRow;
import org.knime.core.data.DoubleValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.workflow.NativeNodeContainer;
import org.knime.core.node.workflow.NodeContainer;
import org.knime.core.node.workflow.NodeID;
import org.knime.core.node.workflow.WorkflowCreationHelper;
import org.knime.core.node.workflow.WorkflowLoadHelper;
import org.knime.core.node.workflow.WorkflowManager;
import org.knime.core.node.workflow.contextv2.WorkflowContextV2;

/**
 * The headless part of the verification: KNIME's own WorkflowManager runs the FieldVAE nodes with the real KNIME
 * classes inside the OSGi framework ({@link EquinoxLauncher}; these classes are a fragment of the FieldVAE bundle, so
 * they see its node factories and KNIME's classes as the bundle does).
 */
public final class HeadlessChecks {

    private final List<String> failures = new ArrayList<>();
    private final List<String> passes = new ArrayList<>();

    /**
     * Runs every check and prints one line per check and the SUMMARY line; called by {@link EquinoxLauncher} through
     * the FieldVAE bundle's class loader, inside the OSGi framework.
     *
     * @return the exit status: 0 when every check passed
     */
    public static int run(Path repo, Path work) {
        HeadlessChecks checks = new HeadlessChecks();
        try {
            checks.runAll(repo, work);
        } catch (Throwable e) { // NOSONAR: report any failure of KNIME's start-up as the summary, then exit 1
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            e.printStackTrace(System.out);
            System.out.println("SUMMARY headless: stopped after " + checks.passes.size() + " checks: " + e
                    + (root == e ? "" : ", caused by " + root));
            return 1;
        }
        System.out.println("SUMMARY headless: " + checks.passes.size() + " passed, " + checks.failures.size()
                + " failed" + (checks.failures.isEmpty() ? "" : ": " + String.join("; ", checks.failures)));
        return checks.failures.isEmpty() ? 0 : 1;
    }

    private void runAll(Path repo, Path work) throws Exception {
        String examples = System.getProperty("fieldvae.examples", "run");
        if (!examples.endsWith("-only")) {
            runNodeChain(work);
        }
        runExamples(repo, work, examples.startsWith("generate"));
    }

    private void runNodeChain(Path work) throws Exception {
        Path chainDir = work.resolve("workflows/node-chain");
        deleteTree(chainDir);
        NodeChain chain = NodeChain.build(project(chainDir));
        check("every node configures", chain.configureAll());
        long start = System.nanoTime();
        boolean executed = chain.execute();
        double seconds = (System.nanoTime() - start) / 1e9;
        check("every node executes (%.1f s)".formatted(seconds), executed ? null : chain.states());
        Map<String, Double> scores = chain.scores();
        check("scorer output " + scores, scores.containsKey("s_d") ? null : "no s_d column");

        chain.wfm().save(chainDir.toFile(), new ExecutionMonitor(), true);
        chain.wfm().getParent().removeProject(chain.wfm().getID());
        WorkflowManager loaded = load(chainDir);
        NodeChain reloaded = NodeChain.of(loaded);
        check("saved and loaded with data: ports, field cells and model round trip",
                reloaded.compareOutputs(chain.outputsBeforeSave()));
        check("loaded scores equal", reloaded.scores().equals(scores) ? null : reloaded.scores() + " vs " + scores);

        long resumeStart = System.nanoTime();
        String resume = reloaded.reexecuteLearner();
        double resumeSeconds = (System.nanoTime() - resumeStart) / 1e9;
        check("learner resumes from its internals after load (%.1f s vs %.1f s training)".formatted(resumeSeconds,
                chain.learnerSeconds()), resume);
        loaded.getParent().removeProject(loaded.getID());
    }

    /** With generate, first rewrites the example workflows in the repository (the small specs' sizes). */
    private void runExamples(Path repo, Path work, boolean generate) throws Exception {
        for (ExampleWorkflows.Example example : ExampleWorkflows.EXAMPLES) {
            Path saved = repo.resolve("example-workflows").resolve(example.folder()).resolve("knime")
                    .resolve(example.name());
            if (generate) {
                WorkflowManager built = ExampleWorkflows.build(example, ExampleWorkflows.Scale.SMALL, saved);
                built.getParent().removeProject(built.getID());
            }
            runExample(example, saved, work, repo.resolve("example-workflows").resolve(example.folder()));
        }
    }

    /**
     * Loads the example's workflow as saved in the repository (the small spec's sizes: hours to execute), then builds
     * and executes the same workflow at a tiny size (fewer samples, epochs and seeds) and prints its summary rows.
     */
    private void runExample(ExampleWorkflows.Example example, Path saved, Path work, Path exampleDir)
            throws Exception {
        Path copy = work.resolve("workflows").resolve(example.name());
        deleteTree(copy);
        copyTree(saved, copy);
        WorkflowManager loadedSaved = load(copy);
        int nodes = loadedSaved.getNodeContainers().size();
        loadedSaved.getParent().removeProject(loadedSaved.getID());
        check("example workflow %s loads (%d nodes)".formatted(example.name(), nodes), nodes > 0 ? null : "empty");

        Path tinyDir = work.resolve("workflows").resolve(example.name() + "-tiny");
        WorkflowManager tiny = ExampleWorkflows.build(example, ExampleWorkflows.Scale.TINY, tinyDir);
        tiny.getParent().removeProject(tiny.getID());
        WorkflowManager wfm = load(tinyDir);
        long start = System.nanoTime();
        boolean ok = wfm.executeAllAndWaitUntilDone();
        double seconds = (System.nanoTime() - start) / 1e9;
        StringBuilder summary = new StringBuilder();
        BufferedDataTable collected = null;
        for (NodeContainer nc : wfm.getNodeContainers()) {
            if (nc instanceof NativeNodeContainer nnc && nnc.getNrOutPorts() > 1
                    && ((!ok && "trials".equals(nnc.getCustomDescription()))
                        || "S_D per setting".equals(nnc.getCustomDescription())
                        || "trials with S_D above 0.9".equals(nnc.getCustomDescription())
                        || "collect score rows".equals(nnc.getCustomDescription()))
                    && nnc.getOutPort(1).getPortObject() instanceof BufferedDataTable t) {
                summary.append("\n      ").append(nnc.getCustomDescription()).append(": ")
                        .append(NodeChain.rows(t));
                collected = "collect score rows".equals(nnc.getCustomDescription()) ? t : collected;
            }
        }
        check("example workflow %s, tiny size, executed with Execute all (%.0f s)%s".formatted(example.name(),
                seconds, summary), ok ? null : NodeChain.states(wfm));
        if (ok && collected != null) {
            var cli = CommandLineTrials.compare(exampleDir, example, ExampleWorkflows.Scale.TINY, collected, work);
            check("example workflow %s: S_D and S_KL of every trial identical to fieldvae sweep's on the example's"
                    .formatted(example.name()) + " specs at the same size\n      "
                    + String.join("\n      ", cli.trials()),
                    cli.mismatches().isEmpty() ? null : String.join("; ", cli.mismatches()));
            check("example workflow %s: the Scatter Matrix shows the last trial's latent means and theta (%s),"
                    .formatted(example.name(), latentView(wfm)) + " the values of the command line's "
                    + work.relativize(cli.lastLatents()), latentViewFailure(wfm, cli.lastLatents()));
        }
        wfm.getParent().removeProject(wfm.getID());
    }

    /** The Column Filter's table that the Scatter Matrix shows: its columns and row count. */
    private static String latentView(WorkflowManager wfm) {
        BufferedDataTable t = latentTable(wfm);
        return t == null ? "no table" : String.join(", ", t.getDataTableSpec().getColumnNames()) + " x " + t.size()
                + " rows";
    }

    /** Null when the Scatter Matrix executed and its table is the command line's latent table, value for value. */
    private static String latentViewFailure(WorkflowManager wfm, Path cliLatents) {
        BufferedDataTable t = latentTable(wfm);
        NodeContainer plot = labelled(wfm, ExampleWorkflows.LATENT_PLOT);
        if (t == null || plot == null || !plot.getNodeContainerState().isExecuted()) {
            return "the Scatter Matrix or its Column Filter did not execute";
        }
        List<String> columns = List.of(t.getDataTableSpec().getColumnNames());
        double[][] expected = LatentFile.read(cliLatents).columns(columns, "latent view");
        int r = 0;
        for (DataRow row : t) {
            for (int c = 0; c < columns.size(); c++) {
                double v = ((DoubleValue) row.getCell(c)).getDoubleValue();
                if (r >= expected.length || Double.compare(v, expected[r][c]) != 0) {
                    return "row " + r + ", " + columns.get(c) + ": " + v + " in the workflow, "
                            + (r < expected.length ? expected[r][c] : "no row") + " on the command line";
                }
            }
            r++;
        }
        return r == expected.length && columns.containsAll(List.of("z_mean_1", "theta_1")) ? null
                : r + " rows and columns " + columns + " in the workflow, " + expected.length + " rows on the command line";
    }

    private static BufferedDataTable latentTable(WorkflowManager wfm) {
        return labelled(wfm, ExampleWorkflows.LATENTS_AND_THETA) instanceof NativeNodeContainer n
                && n.getOutPort(1).getPortObject() instanceof BufferedDataTable t ? t : null;
    }

    private static NodeContainer labelled(WorkflowManager wfm, String label) {
        return wfm.getNodeContainers().stream().filter(n -> label.equals(n.getCustomDescription())).findFirst()
                .orElse(null);
    }

    static WorkflowManager project(Path dir) throws Exception {
        Files.createDirectories(dir);
        return WorkflowManager.ROOT.createAndAddProject(dir.getFileName().toString(),
                new WorkflowCreationHelper(WorkflowContextV2.forTemporaryWorkflow(dir, null)));
    }

    static WorkflowManager load(Path dir) throws Exception {
        var result = WorkflowManager.loadProject(dir.toFile(), new ExecutionMonitor(),
                new WorkflowLoadHelper(WorkflowContextV2.forTemporaryWorkflow(dir, null)));
        if (result.getType() == org.knime.core.node.workflow.WorkflowPersistor.LoadResultEntry.LoadResultEntryType.Error) {
            throw new IllegalStateException("loading " + dir + ": " + result.getFilteredError("", 
                org.knime.core.node.workflow.WorkflowPersistor.LoadResultEntry.LoadResultEntryType.Warning));
        }
        return result.getWorkflowManager();
    }

    private void check(String what, String failure) {
        if (failure == null) {
            passes.add(what);
            System.out.println("ok    " + what);
        } else {
            failures.add(what);
            System.out.println("FAIL  " + what + ": " + failure);
        }
    }

    static void deleteTree(Path dir) throws java.io.IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) all.sorted(java.util.Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
    }

    private static void copyTree(Path from, Path to) throws java.io.IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    @SuppressWarnings("unused")
    private static final Class<?>[] USED = {File.class, DataRow.class, DoubleValue.class, NodeFactory.class,
        NodeSettings.class, PortObject.class, NodeID.class};
}
