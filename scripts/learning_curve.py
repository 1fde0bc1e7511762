"""Learning curve: extraction F1 on the test split with models trained on 25 / 50 / all dev pages.

    .venv/bin/python scripts/learning_curve.py [--sizes 25 50 0]

For each size N (0 = all), retrains the tagger, its 5 stacking taggers, the role model and the
main-film ranker on the first N annotated dev pages (plus the silver Wikipedia data, which does not change) into a
temporary model folder, scores the test split (texts and whole HTML) with those models, and
prints one line per size. The temporary models are read through ``FILMKB_MODEL_DIR``: the
shipped ones are never touched. Scoring the test split is reporting only: nothing here is
tuned on it. About 15 minutes per size on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "src" / "filmkb" / "extract" / "model"
PY = sys.executable


def score(gold: str, paths: list[str], env: dict) -> dict:
    code = (
        "import json,sys; from filmkb.evaluate import evaluate; "
        "r=evaluate(sys.argv[1], sys.argv[2:]).to_dict(); print(json.dumps(r['main']))"
    )
    out = subprocess.run(
        [PY, "-c", code, gold, *paths], capture_output=True, text=True, check=True, env=env
    )
    import json

    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[25, 50, 0])
    args = ap.parse_args()
    pool = str(ROOT.parent / "shared" / "data" / "film-pages" / "pages.jsonl")
    for n in args.sizes:
        folder = Path(tempfile.mkdtemp())
        for f in MODEL.iterdir():  # the models not retrained here (aboutfilm) as shipped
            shutil.copy2(f, folder / f.name)
        env = {**os.environ, "FILMKB_MODEL_DIR": str(folder),
               "FILMKB_FOLD_TAGGERS": str(folder / "taggers")}  # fmt: skip
        extra = [] if n == 0 else ["--pages", str(n)]
        for pair in ((0, 1), (2, 3), (4,)):  # the stacking taggers, two at a time
            procs = [
                subprocess.Popen(
                    [PY, str(ROOT / "scripts" / "train_tagger.py"), "--fold", str(k), *extra],
                    env=env,
                    stdout=subprocess.DEVNULL,
                )  # fmt: skip
                for k in pair
            ]
            if any(p.wait() for p in procs):
                raise SystemExit("a stacking tagger failed")
        for script, name in (("train_tagger.py", "tagger.crfsuite"), ("train_roles.py", "roles.npz"),
                             ("train_mainfilm.py", "mainfilm.npz")):  # fmt: skip
            subprocess.run([PY, str(ROOT / "scripts" / script), *extra, "--out", str(folder / name)],
                           check=True, capture_output=True, env=env)  # fmt: skip
        text = score(str(ROOT / "tests/gold/pages/test"), [pool], env)
        html = score(
            str(ROOT / "tests/gold/html/test"), [str(ROOT / "tests/corpus/html/test")], env
        )
        label = "all" if n == 0 else str(n)
        print(f"dev pages {label:>4}: test texts P {text['precision']:.3f} R {text['recall']:.3f} "
              f"F1 {text['f1']:.3f} | test HTML P {html['precision']:.3f} R {html['recall']:.3f} "
              f"F1 {html['f1']:.3f}", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
