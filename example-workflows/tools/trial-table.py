#!/usr/bin/env python3
"""Per-trial table of one or more sweep folders, as the examples' READMEs show it.

    example-workflows/tools/trial-table.py SWEEP_DIR [SWEEP_DIR ...]

For every finished trial (a folder with scores.json): S_D and S_KL (scores.json), whether the run
over-regularised (history.csv's verdict is in the sweep's summary.csv), the ends of training (L_REC, L_REG,
beta of the last epoch) and the latent axes' angle to the theta axes, in degrees:
least squares z ~ A theta + b on the scored test set (latents-test.csv); row i of A is the direction in theta
space along which latent i moves; its angle to the nearest theta axis is atan(|smaller| / |larger|) of its
two entries, 0 for a latent that follows one parameter and 45 for one that follows both equally. The column
is the larger of the two latents' angles (two latents and two parameters only). Prints Markdown.
Needs numpy only.
"""
import csv
import json
import math
import os
import sys

import numpy as np


def latent_angles(latents_csv):
    rows = list(csv.DictReader(open(latents_csv)))
    z = np.array([[float(r[k]) for k in sorted(r) if k.startswith("z_mean_")] for r in rows])
    theta = np.array([[float(r[k]) for k in sorted(r) if k.startswith("theta_")] for r in rows])
    if z.shape[1] != 2 or theta.shape[1] != 2:
        return float("nan")
    design = np.c_[theta, np.ones(len(theta))]
    coefficients, *_ = np.linalg.lstsq(design, z, rcond=None)
    a = coefficients[:2].T  # [latent][parameter]
    return max(math.degrees(math.atan2(min(abs(r)), max(abs(r)))) for r in a)


def summary_flags(sweep):
    path = os.path.join(sweep, "summary.csv")
    if not os.path.exists(path):
        return {}
    return {r["trial"]: r for r in csv.DictReader(open(path))}


def last_epoch(history_csv):
    rows = list(csv.DictReader(open(history_csv)))
    return rows[-1] if rows else {}


def main(sweeps):
    print("| sweep | trial | S_D | S_KL | angle [deg] | over-regularised | L_REC, L_REG at the end |")
    print("|---|---|---|---|---|---|---|")
    for sweep in sweeps:
        flags = summary_flags(sweep)
        trials = sorted(t for t in os.listdir(sweep) if os.path.exists(os.path.join(sweep, t, "scores.json")))
        for trial in trials:
            folder = os.path.join(sweep, trial)
            scores = json.load(open(os.path.join(folder, "scores.json")))["scores"]
            end = last_epoch(os.path.join(folder, "history.csv"))
            over = flags.get(trial, {}).get("over_regularised", "?")
            print("| %s | %s | %.3f | %.3f | %.1f | %s | %.2f, %.3g |" % (
                os.path.basename(os.path.normpath(sweep)), trial, scores["s_d"], scores["s_kl"],
                latent_angles(os.path.join(folder, "latents-test.csv")), over,
                float(end.get("L_REC", "nan")), float(end.get("L_REG", "nan"))))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: trial-table.py SWEEP_DIR [SWEEP_DIR ...]")
    main(sys.argv[1:])
