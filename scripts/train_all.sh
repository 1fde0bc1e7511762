#!/usr/bin/env bash
# Retrain every shipped extraction model, in dependency order (needs ../shared/data and the
# [train] extra). Each script is deterministic: a second run writes the same arrays.
#   gazetteers → tagger → roles (reads tagger output) → main-film ranker (reads the pipeline)
#   → page "about a film" model
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
$PY scripts/make_gazetteers.py
$PY scripts/train_tagger.py "$@"
$PY scripts/train_roles.py "$@"
$PY scripts/train_mainfilm.py "$@"
$PY scripts/train_aboutfilm.py
