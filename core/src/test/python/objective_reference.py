#!/usr/bin/env python3
"""Independent reference of FieldVAE's training objective, written from the paper's equations in PyTorch
(float64, autograd), for ObjectiveReferenceTest (docs/equations.md: Eq. 4, 7, 13-14, 20-21, 29).

    /usr/bin/python3 objective_reference.py case.json result.json

case.json holds one minibatch: the fields y (batch x channels x pixels), the encoder outputs mu and the raw
latent log-variance, the raw output log-variance s, the noise eps (and eps2 of the sub-latent), labels, a
linear stand-in decoder mu_y(z) = z W + b, the prior's settings and, for the hierarchical prior, the weights
of its two MLPs. result.json gets L_REC, L_REG, L_LABEL, the total L_REC + beta L_REG + L_LABEL and the
gradient of the total with respect to every leaf (mu, the raw log-variances, the prior's parameters).

Nothing here is taken from FieldVAE's Java code: the losses are the paper's (Jacobsen and Duraisamy,
Eq. 4, 7, 13-14, 20-21 and 29) in the authors' scales (docs/paper-facts.md "Losses"), and every gradient is autograd's.
"""
import json
import math
import sys

import torch

torch.set_default_dtype(torch.float64)


def tensor(x, grad=False):
    t = torch.tensor(x, dtype=torch.float64)
    return t.requires_grad_(grad)


def bounded(raw, bound, rule):
    """The bounded log-variance: clipped to [-bound, bound]; 'pass-through' lets the gradient through the clip."""
    clipped = raw.clamp(-bound, bound)
    return raw + (clipped - raw).detach() if rule == "pass-through" else clipped


def mlp(x, layers, relu_on_output):
    """x W_0 + b_0 -> ReLU -> ... -> x W_k + b_k (ReLU after the last too if relu_on_output)."""
    for i, (w, b) in enumerate(layers):
        x = x @ w + b
        if i < len(layers) - 1 or relu_on_output:
            x = torch.relu(x)
    return x


def log_normal(x, mean, logvar):
    """log N(x; mean, exp(logvar)) elementwise."""
    return -0.5 * (math.log(2 * math.pi) + logvar + (x - mean) ** 2 * torch.exp(-logvar))


def main(case_path, result_path):
    c = json.load(open(case_path))
    batch, channels, pixels, latent = c["batch"], c["channels"], c["pixels"], c["latent"]
    bound, rule, per_pixel = c["bound"], c["gradient_rule"], c["scale"] == "PER_PIXEL"
    y = tensor(c["fields"]).view(batch, channels, pixels)
    mu, raw_lv, raw_s = tensor(c["mu"], True), tensor(c["raw_logvar"], True), tensor(c["raw_output_logvar"], True)
    eps, eps2 = tensor(c["eps"]), tensor(c["eps2"])
    w, b = tensor(c["decoder_weight"]), tensor(c["decoder_bias"])

    lv = bounded(raw_lv, bound, rule)
    z = mu + torch.exp(lv / 2) * eps                                   # reparameterisation
    y_mu = (z @ w + b).view(batch, channels, pixels)
    s = bounded(raw_s, bound, rule)
    nll = -log_normal(y, y_mu, s.view(1, 1, pixels))                   # Eq. 21, per sample, channel, pixel
    l_rec = nll.sum() / (batch * pixels if per_pixel else batch)

    leaves = {"mu": mu, "raw_logvar": raw_lv, "raw_output_logvar": raw_s}
    prior = c["prior"]
    if prior in ("STANDARD", "SCALED"):
        v = tensor(c["prior_variances"]).view(1, latent)
        # KL(N(mu, exp(lv)) || N(0, v)), closed form (L_REG of Eq. 4)
        kl = 0.5 * (torch.exp(lv) / v + mu ** 2 / v - 1 - lv + torch.log(v))
        l_reg = kl.sum() / (batch * latent if per_pixel else batch)
        log_prior = 0.0
    else:
        params = {name: tensor(value).view(c["prior_shapes"][name]).requires_grad_(True)
                  for name, value in c["prior_parameters"].items()}
        leaves.update(params)

        def layers(prefix, count):
            return [(params[f"{prefix}.linear{i}.weight"], params[f"{prefix}.linear{i}.bias"]) for i in range(count)]

        cq = bounded(params["prior.encoder.logvar"], bound, rule)
        cp = bounded(params["prior.decoder.logvar"], bound, rule)
        m_q = mlp(z, layers("prior.encoder", 3), False)                  # q(xi|z) mean
        xi = m_q + torch.exp(cq / 2) * eps2
        dec_layers = c["prior_decoder_layers"]
        m_p = mlp(xi, layers("prior.decoder", dec_layers), c["prior_decoder_relu_on_output"])
        log_q = log_normal(z, mu, lv)                                   # log q(z|y)
        kl_xi = 0.5 * (torch.exp(cq) + m_q ** 2 - 1 - cq)               # KL(q(xi|z) || N(0, I))
        log_p = log_normal(z, m_p, cp)                                  # log p(z|xi)
        l_reg = (log_q + c["beta_p"] * kl_xi - log_p).sum(1).mean()    # Eq. 13-14
        log_prior = log_p.sum(1).mean().item()  # the authors' torch.mean(glp), which drives beta_p

    labelled = torch.tensor(c["labelled"], dtype=torch.bool)
    if labelled.any():                                                  # Eq. 29
        theta = tensor(c["theta"])
        l_label = -log_normal(theta, mu, lv)[labelled].sum() / labelled.sum()
    else:
        l_label = torch.zeros(())
    total = l_rec + c["beta"] * l_reg + l_label
    total.backward()
    result = {"rec": l_rec.item(), "reg": l_reg.item(), "label": l_label.item(), "total": total.item(),
              "log_prior": log_prior,
              "grad": {name: t.grad.reshape(-1).tolist() for name, t in leaves.items()}}
    json.dump(result, open(result_path, "w"))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
