package org.fieldvae.experiment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trials of one setting (all axis values but the seed) of a sweep, summarised over their seeds. Failed
 * trials count in {@code runs} but not in the statistics.
 *
 * @param setting         the axis values without {@code seed}, in file order
 * @param runs            trials of this setting
 * @param completed       trials that completed
 * @param sD              mean, min and max of S_D over the completed trials (NaN if none)
 * @param sKl             mean, min and max of S_KL over the completed trials (NaN if none)
 * @param overRegularised completed trials the trainer judged over-regularised
 * @param disentangled    completed trials with S_D > {@value TrialResult#DISENTANGLED_S_D}
 */
public record SettingSummary(Map<String, String> setting, int runs, int completed, Stats sD, Stats sKl,
        int overRegularised, int disentangled) {

    /** Mean, minimum and maximum of a score. */
    public record Stats(double mean, double min, double max) {
        static Stats of(List<Double> values) {
            if (values.isEmpty()) {
                return new Stats(Double.NaN, Double.NaN, Double.NaN);
            }
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double v : values) {
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            return new Stats(sum / values.size(), min, max);
        }
    }

    public SettingSummary {
        setting = Collections.unmodifiableMap(new LinkedHashMap<>(setting));
    }

    /** One summary per distinct setting, in the order the settings first appear among the trials. */
    static List<SettingSummary> of(List<TrialResult> trials) {
        Map<Map<String, String>, List<TrialResult>> groups = new LinkedHashMap<>();
        for (TrialResult t : trials) {
            groups.computeIfAbsent(t.trial().setting(), k -> new java.util.ArrayList<>()).add(t);
        }
        List<SettingSummary> out = new java.util.ArrayList<>();
        groups.forEach((setting, group) -> {
            List<Double> sD = group.stream().filter(TrialResult::completed).map(TrialResult::sD).toList();
            List<Double> sKl = group.stream().filter(TrialResult::completed).map(TrialResult::sKl).toList();
            int over = (int) group.stream().filter(t -> t.completed() && t.overRegularised()).count();
            int dis = (int) group.stream().filter(TrialResult::disentangled).count();
            out.add(new SettingSummary(setting, group.size(), sD.size(), Stats.of(sD), Stats.of(sKl), over, dis));
        });
        return List.copyOf(out);
    }
}
