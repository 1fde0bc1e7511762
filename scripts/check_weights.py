"""Retrain every shipped model into a temporary folder and compare its arrays with the shipped
ones (same arrays = the training scripts reproduce the weights exactly). The stacking taggers
(``train_tagger.py --fold K``, not shipped) are retrained too, into the same folder.

    .venv/bin/python scripts/check_weights.py

CRFsuite's model file is compared byte for byte; .npz files array by array (the zip container
stores a timestamp, the arrays do not).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _pages import FOLDS  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "src" / "filmkb" / "extract" / "model"
SCRIPTS = [
    ("train_tagger.py", "tagger.crfsuite"),
    ("train_roles.py", "roles.npz"),
    ("train_mainfilm.py", "mainfilm.npz"),
    ("train_aboutfilm.py", "aboutfilm.npz"),
    ("train_kind.py", "kind.npz"),
]


def same(a: Path, b: Path) -> bool:
    if a.suffix != ".npz":
        return a.read_bytes() == b.read_bytes()
    with np.load(a) as x, np.load(b) as y:
        return set(x.files) == set(y.files) and all(np.array_equal(x[k], y[k]) for k in x.files)


def main() -> int:
    out = Path(tempfile.mkdtemp())
    env = {**os.environ, "FILMKB_FOLD_TAGGERS": str(out / "taggers")}
    ok = True
    t0 = time.time()
    # the stacking taggers the role model and the ranker read (scripts/_pages.py), two at a time
    folds: list[subprocess.Popen] = []
    pending = list(range(FOLDS))
    while pending or folds:
        while pending and len(folds) < 2:
            k = pending.pop(0)
            cmd = [sys.executable, str(ROOT / "scripts" / "train_tagger.py"), "--fold", str(k)]
            folds.append(subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL))
        folds[0].wait()
        if folds[0].returncode:
            raise SystemExit("a fold tagger failed")
        folds.pop(0)
    for script, name in SCRIPTS:
        subprocess.run([sys.executable, str(ROOT / "scripts" / script), "--out", str(out / name)],
                       check=True, capture_output=True, env=env)  # fmt: skip
        equal = same(out / name, MODEL / name)
        ok &= equal
        print(f"{name}: {'same' if equal else 'DIFFERENT'}", flush=True)
    total = sum((MODEL / n).stat().st_size for _, n in SCRIPTS)
    print(f"all shipped weights {total / 1e6:.2f} MB; retrained in {time.time() - t0:.0f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
