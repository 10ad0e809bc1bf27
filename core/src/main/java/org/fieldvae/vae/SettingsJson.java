package org.fieldvae.vae;

import java.lang.reflect.RecordComponent;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The two forms of a model's {@code settings.json} and of a checkpoint's fingerprint. Since the settings
 * were grouped, {@link VaeSettings} is written as one object per group ({@code "architecture": {"grid": 65,
 * ...}, "priorAndLoss": {...}, ...}); before, as one flat object of the same setting names. Both read; both
 * flatten to one form for {@link ResumeRule}'s comparison, so a checkpoint written before the groups can
 * still be resumed. A setting's name is the same in both forms and unique over the groups.
 */
final class SettingsJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Each group's name in the nested form and its record, in {@link VaeSettings}' order. */
    private static final Map<String, Class<? extends Record>> GROUPS = groups();

    private SettingsJson() {
    }

    private static Map<String, Class<? extends Record>> groups() {
        Map<String, Class<? extends Record>> groups = new java.util.LinkedHashMap<>();
        for (RecordComponent c : VaeSettings.class.getRecordComponents()) {
            groups.put(c.getName(), c.getType().asSubclass(Record.class));
        }
        return groups;
    }

    /** The settings of either form; a missing setting takes the group's fallback (0, false or null). */
    static VaeSettings read(JsonNode node) {
        JsonNode nested = nested(node);
        nested.fieldNames().forEachRemaining(name -> {
            if (!GROUPS.containsKey(name)) {
                throw new IllegalArgumentException("unknown setting '" + name + "'");
            }
        });
        return new VaeSettings(group(nested, Architecture.class), group(nested, PriorAndLoss.class),
                group(nested, Schedule.class), group(nested, BetaPlan.class), group(nested, RunOptions.class));
    }

    private static <T extends Record> T group(JsonNode nested, Class<T> type) {
        String name = GROUPS.entrySet().stream().filter(e -> e.getValue() == type).findFirst().orElseThrow().getKey();
        try {
            return JSON.treeToValue(nested.path(name), type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("settings group " + name + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Whether the node is the nested form (it has a group object). */
    static boolean isNested(JsonNode node) {
        return GROUPS.keySet().stream().anyMatch(name -> node.path(name).isObject());
    }

    /**
     * The nested form of a flat settings object: each setting moved into its group. A name that belongs to no
     * group stays at the top, where reading it fails as an unknown property, as it did before.
     */
    static JsonNode nested(JsonNode node) {
        if (isNested(node) || !node.isObject()) {
            return node;
        }
        ObjectNode flat = ((ObjectNode) node).deepCopy();
        ObjectNode out = JSON.createObjectNode();
        for (Map.Entry<String, Class<? extends Record>> g : GROUPS.entrySet()) {
            ObjectNode group = out.putObject(g.getKey());
            for (RecordComponent c : g.getValue().getRecordComponents()) {
                if (flat.has(c.getName())) {
                    group.set(c.getName(), flat.remove(c.getName()));
                }
            }
        }
        out.setAll(flat);
        return out;
    }

    /** The flat form of a nested settings object (the groups' settings in order), or the node if it is flat. */
    static JsonNode flat(JsonNode node) {
        if (!isNested(node)) {
            return node;
        }
        ObjectNode out = JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (GROUPS.containsKey(e.getKey()) && e.getValue().isObject()) {
                out.setAll((ObjectNode) e.getValue());
            } else {
                out.set(e.getKey(), e.getValue());
            }
        }
        return out;
    }
}
