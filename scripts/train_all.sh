#!/usr/bin/env bash
# Retrain every shipped extraction model, in dependency order (needs ../shared/data and the
# [train] extra). Each script is deterministic: a second run writes the same arrays.
#   gazetteers → tagger, and the 5 stacking taggers that each leave out one site fold of the
#   dev pages (build/taggers, not shipped) → roles and main-film ranker (each dev page seen
#   through the tagger that never saw it) → page "about a film" model → page-kind model
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
$PY scripts/make_gazetteers.py
$PY scripts/train_tagger.py "$@"
for pair in "0 1" "2 3" "4"; do  # two at a time (2 cores); a failed fold stops the script
  pids=()
  for k in $pair; do $PY scripts/train_tagger.py --fold "$k" "$@" & pids+=($!); done
  for pid in "${pids[@]}"; do wait "$pid"; done
done
$PY scripts/train_roles.py "$@"
$PY scripts/train_mainfilm.py "$@"
$PY scripts/train_aboutfilm.py
$PY scripts/train_kind.py
