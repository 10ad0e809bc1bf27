package org.fieldvae.knime.verify;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.fieldvae.knime.model.VaeModelPortObject;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.workflow.NativeNodeContainer;
import org.knime.core.node.workflow.NodeContainer;
import org.knime.core.node.workflow.NodeContainerState;
import org.knime.core.node.workflow.NodeID;
import org.knime.core.node.workflow.WorkflowManager;

/**
 * Every FieldVAE node in one small workflow built through KNIME's WorkflowManager: training samples (KLE sampler,
 * Darcy solver, labeler) -> learner; test samples -> encoder -> decoder and scorer; the training table -> dataset
 * writer, whose file the dataset reader reads back. Tiny settings (17 x 17 grid, 32 samples, 3 epochs).
 */
final class NodeChain {

    private static final String PKG = "org.fieldvae.knime.node.";
    private final WorkflowManager wfm;
    private final Map<String, NodeID> ids;
    private final Map<String, List<String>> outputsBeforeSave = new LinkedHashMap<>();
    private double learnerSeconds;

    private NodeChain(WorkflowManager wfm, Map<String, NodeID> ids) {
        this.wfm = wfm;
        this.ids = ids;
    }

    WorkflowManager wfm() {
        return wfm;
    }

    double learnerSeconds() {
        return learnerSeconds;
    }

    Map<String, List<String>> outputsBeforeSave() {
        return outputsBeforeSave;
    }

    /**
     * Adds the nodes up to the encoder, connects them, then sets each node's parameters upstream first: a node whose
     * settings are still unset when it is connected takes its defaults from its input (e.g. the theta columns), as in
     * the application. The decoder and the scorer come after the encoder has run ({@link #execute}): their latent
     * columns are known only then.
     */
    static NodeChain build(WorkflowManager wfm) throws Exception {
        Map<String, NodeID> ids = new LinkedHashMap<>();
        Map<String, Map<String, Object>> parameters = new LinkedHashMap<>();
        Path h5 = Path.of(wfm.getContextV2().getExecutorInfo().getLocalWorkflowPath().toString()).getParent()
                .resolve("node-chain-train.h5");
        add(wfm, ids, parameters, "train sampler", "kle.KleSamplerNodeFactory",
                Map.of("grid", 17, "count", 32, "design", "LHS", "seed", 1L));
        add(wfm, ids, parameters, "train solver", "darcy.DarcySolverNodeFactory", Map.of());
        add(wfm, ids, parameters, "labeler", "label.LabelerNodeFactory", Map.of("fraction", 0.25, "seed", 1L));
        add(wfm, ids, parameters, "learner", "vae.VaeLearnerNodeFactory",
                Map.of("schedule/epochs", 3, "schedule/recEpochs", 1, "schedule/batch", 16, "run/checkpointEvery", 1,
                        "run/seed", 1L));
        add(wfm, ids, parameters, "test sampler", "kle.KleSamplerNodeFactory",
                Map.of("grid", 17, "count", 32, "design", "MC", "seed", 1000L));
        add(wfm, ids, parameters, "test solver", "darcy.DarcySolverNodeFactory", Map.of());
        add(wfm, ids, parameters, "encoder", "vae.VaeEncoderNodeFactory", Map.of());
        add(wfm, ids, parameters, "writer", "dataset.DatasetWriterNodeFactory",
                Map.of("file", h5.toString(), "overwrite", true));
        add(wfm, ids, parameters, "reader", "dataset.DatasetReaderNodeFactory", Map.of("file", h5.toString()));
        connect(wfm, ids, "train sampler", 1, "train solver", 1);
        connect(wfm, ids, "train solver", 1, "labeler", 1);
        connect(wfm, ids, "labeler", 1, "learner", 1);
        connect(wfm, ids, "test sampler", 1, "test solver", 1);
        connect(wfm, ids, "learner", 1, "encoder", 1);
        connect(wfm, ids, "test solver", 1, "encoder", 2);
        connect(wfm, ids, "labeler", 1, "writer", 1);
        wfm.getNodeContainer(ids.get("reader")).setCustomDescription("reader");
        for (Map.Entry<String, Map<String, Object>> p : parameters.entrySet()) {
            setParameters(wfm, ids.get(p.getKey()), p.getValue());
        }
        return new NodeChain(wfm, ids);
    }

    static NodeChain of(WorkflowManager wfm) {
        Map<String, NodeID> ids = new LinkedHashMap<>();
        for (NodeContainer nc : wfm.getNodeContainers()) {
            ids.put(nc.getCustomDescription() != null ? nc.getCustomDescription() : nc.getNameWithID(), nc.getID());
        }
        return new NodeChain(wfm, ids);
    }

    @SuppressWarnings("unchecked")
    private static void add(WorkflowManager wfm, Map<String, NodeID> ids, Map<String, Map<String, Object>> parameters,
            String name, String factory, Map<String, Object> model) throws Exception {
        NodeFactory<NodeModel> f = (NodeFactory<NodeModel>) Class.forName(PKG + factory).getDeclaredConstructor()
                .newInstance();
        ids.put(name, wfm.createAndAddNode(f));
        parameters.put(name, model);
    }

    /** Loads the node's settings with these model parameters changed (the rest as the node has them). */
    private static void setParameters(WorkflowManager wfm, NodeID id, Map<String, Object> model)
            throws InvalidSettingsException {
        // the node's settings with its model's defaults filled in (saveNodeSettings leaves "model" out of a new node)
        NodeSettings settings = wfm.getNodeContainer(id).getNodeSettings();
        NodeSettings m = (NodeSettings) settings.getNodeSettings("model");
        for (Map.Entry<String, Object> e : model.entrySet()) {
            // "group/key": a setting of one of the node's settings groups (the learner's, docs/design.md)
            String[] path = e.getKey().split("/");
            NodeSettings target = m;
            for (int i = 0; i < path.length - 1; i++) {
                target = (NodeSettings) target.getNodeSettings(path[i]);
            }
            put(target, path[path.length - 1], e.getValue());
        }
        wfm.loadNodeSettings(id, settings);
    }

    /** Adds a setting typed by its Java value (int, long, double, boolean, string array, else its string). */
    static void put(NodeSettingsWO m, String key, Object value) {
        if (value instanceof Integer i) {
            m.addInt(key, i);
        } else if (value instanceof Long l) {
            m.addLong(key, l);
        } else if (value instanceof Double d) {
            m.addDouble(key, d);
        } else if (value instanceof Boolean b) {
            m.addBoolean(key, b);
        } else if (value instanceof String[] a) {
            m.addStringArray(key, a);
        } else {
            m.addString(key, value.toString());
        }
    }

    private static void connect(WorkflowManager wfm, Map<String, NodeID> ids, String from, int fromPort, String to,
            int toPort) {
        wfm.addConnection(ids.get(from), fromPort, ids.get(to), toPort);
        wfm.getNodeContainer(ids.get(to)).setCustomDescription(to);
        wfm.getNodeContainer(ids.get(from)).setCustomDescription(from);
    }

    /** Null when every node but those waiting for a trained model (encoder, decoder, scorer) is configured. */
    String configureAll() {
        List<String> idle = new ArrayList<>();
        for (Map.Entry<String, NodeID> e : ids.entrySet()) {
            NodeContainerState s = wfm.getNodeContainer(e.getValue()).getNodeContainerState();
            if (!s.isConfigured() && !List.of("encoder", "decoder", "scorer", "reader").contains(e.getKey())) {
                idle.add(e.getKey() + " " + s);
            }
        }
        return idle.isEmpty() ? null : String.join(", ", idle);
    }

    /**
     * Executes the chain: the writer first, then the reader (its file exists only then), then the rest up to the
     * encoder; then adds the decoder and the scorer on the encoder's latent columns and executes them.
     */
    boolean execute() throws Exception {
        wfm.executeUpToHere(ids.get("writer"));
        wfm.waitWhileInExecution(-1, java.util.concurrent.TimeUnit.SECONDS);
        wfm.resetAndConfigureNode(ids.get("reader"));
        long start = System.nanoTime();
        boolean ok = wfm.executeAllAndWaitUntilDone();
        learnerSeconds = (System.nanoTime() - start) / 1e9;
        Map<String, Map<String, Object>> parameters = new LinkedHashMap<>();
        add(wfm, ids, parameters, "decoder", "vae.VaeDecoderNodeFactory", Map.of());
        add(wfm, ids, parameters, "scorer", "score.DisentanglementScorerNodeFactory", Map.of("seed", 1L));
        connect(wfm, ids, "learner", 1, "decoder", 1);
        connect(wfm, ids, "encoder", 1, "decoder", 2);
        connect(wfm, ids, "encoder", 1, "scorer", 1);
        for (Map.Entry<String, Map<String, Object>> p : parameters.entrySet()) {
            setParameters(wfm, ids.get(p.getKey()), p.getValue());
        }
        ok &= wfm.executeAllAndWaitUntilDone();
        for (Map.Entry<String, NodeID> e : ids.entrySet()) {
            outputsBeforeSave.put(e.getKey(), outputs(e.getValue()));
        }
        return ok;
    }

    String states() {
        return states(wfm);
    }

    static String states(WorkflowManager wfm) {
        StringBuilder b = new StringBuilder();
        for (NodeContainer nc : wfm.getNodeContainers()) {
            if (!nc.getNodeContainerState().isExecuted()) {
                b.append(nc.getNameWithID()).append(' ').append(nc.getNodeContainerState()).append(' ')
                        .append(nc.getNodeMessage()).append("; ");
            }
        }
        return b.toString();
    }

    /** The scorer's one score row, column name to value. */
    Map<String, Double> scores() {
        PortObject p = wfm.getNodeContainer(ids.get("scorer")).getOutPort(1).getPortObject();
        return p instanceof BufferedDataTable t ? firstRow(t) : Map.of();
    }

    static Map<String, Double> firstRow(BufferedDataTable t) {
        Map<String, Double> row = new LinkedHashMap<>();
        try (CloseableRowIterator it = t.iterator()) {
            if (it.hasNext()) {
                DataRow r = it.next();
                for (int c = 0; c < r.getNumCells(); c++) {
                    DataCell cell = r.getCell(c);
                    if (cell instanceof DoubleValue v && !cell.isMissing()) {
                        row.put(t.getDataTableSpec().getColumnSpec(c).getName(), v.getDoubleValue());
                    }
                }
            }
        }
        return row;
    }

    /** Every row of the table as text: its key and cells. */
    static String rows(BufferedDataTable t) {
        StringBuilder b = new StringBuilder(String.join(", ", t.getDataTableSpec().getColumnNames()));
        try (CloseableRowIterator it = t.iterator()) {
            while (it.hasNext()) {
                DataRow r = it.next();
                b.append(" | ").append(r.getKey());
                for (DataCell c : r) {
                    b.append(' ').append(c);
                }
            }
        }
        return b.toString();
    }

    /** Every output port's content as text: tables cell by cell, other port objects by their summary. */
    private List<String> outputs(NodeID id) {
        List<String> out = new ArrayList<>();
        NodeContainer nc = wfm.getNodeContainer(id);
        for (int p = 1; p < nc.getNrOutPorts(); p++) {
            PortObject o = nc.getOutPort(p).getPortObject();
            if (o instanceof BufferedDataTable t) {
                StringBuilder b = new StringBuilder(t.getDataTableSpec().toString());
                try (CloseableRowIterator it = t.iterator()) {
                    while (it.hasNext()) {
                        DataRow r = it.next();
                        b.append('\n').append(r.getKey());
                        for (DataCell c : r) {
                            b.append(' ').append(c.hashCode()).append(':').append(c);
                        }
                    }
                }
                out.add(b.toString());
            } else if (o instanceof VaeModelPortObject m) {
                out.add(m.getClass().getName() + " " + m.getSummary() + " " + m.getArchitecture() + " zip sha-256 "
                        + sha256(m));
            } else {
                out.add(o == null ? "null" : o.getClass().getName() + " " + o.getSummary() + " " + o.hashCode());
            }
        }
        return out;
    }

    /** The digest of the model's bytes (the engine's zip: graph, weights, settings, history). */
    private static String sha256(VaeModelPortObject model) {
        try (var in = model.openModelZip()) {
            return java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Null when every node's outputs equal those recorded before the save. */
    String compareOutputs(Map<String, List<String>> before) {
        List<String> differ = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : before.entrySet()) {
            NodeID id = ids.get(e.getKey());
            if (id == null) {
                differ.add(e.getKey() + " missing");
            } else if (!outputs(id).equals(e.getValue())) {
                differ.add(e.getKey());
            }
        }
        return differ.isEmpty() ? null : "outputs differ after load: " + differ;
    }

    /**
     * Resets and re-executes the learner after the workflow was loaded: with its internals (the run folder) loaded
     * and the same settings and data, it continues from the last checkpoint, which is the end of the training, so the
     * model, the history and the scores are those of the first execution.
     */
    String reexecuteLearner() {
        List<String> learnerBefore = outputs(ids.get("learner"));
        Map<String, Double> before = scores();
        wfm.resetAndConfigureNode(ids.get("learner"));
        if (!wfm.executeAllAndWaitUntilDone()) {
            return states();
        }
        if (!outputs(ids.get("learner")).get(1).equals(learnerBefore.get(1))) {
            return "the training history differs after re-execution";
        }
        return scores().equals(before) ? null : "scores changed: " + scores() + " vs " + before;
    }
}
