"""Benchmark real-time segment assignment: ``aimkit.text.SegmentModel.assign`` per new session.

The website calls ``assign`` on every page load with the visitor's events so far, so one
call must stay well under 10 ms. The model is built from the shipped Odisee data as in
notebook 15; the new sessions come from another generator seed. Measured in the same run:

- **assign**: ``SegmentModel.assign`` on the events of one session (a list of dicts, as a
  tracking script would send them);
- **baseline**: the batch pipeline reused per request — ``text.session_keywords`` on a
  one-session DataFrame, a pandas row over the vocabulary, then scikit-learn's
  ``KMeans.predict``. Same answer, the obvious way to serve the notebook's model.

Prints the mean and 95th-percentile time per call, the ratio baseline / assign, the agreement
of the two answers, the time to build the model and the peak memory of the process.

    python benchmarks/text.py
"""

import resource
import time

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans

from aimkit import datasets, text

STOP_WORDS = text.STOP_WORDS | {"odisee", "hogeschool"}
TARGET_MS = 10.0
N_SESSIONS = 300


def build():
    """Keyword matrix, k-means and the segment model of the shipped data."""
    km = text.keyword_matrix(text.clean_events(datasets.load("odisee")["events"]),
                             stop_words=STOP_WORDS)
    kmeans = KMeans(n_clusters=4, n_init=10, random_state=datasets.DEFAULT_SEED).fit(km.matrix)
    labels = pd.Series(kmeans.labels_, index=km.sessions)
    model = text.SegmentModel.fit(km, labels, {s: f"segment {s}" for s in range(4)}, {})
    return km, kmeans, model


def baseline_assign(km: text.KeywordMatrix, kmeans: KMeans, session: pd.DataFrame) -> int:
    """The batch pipeline on one session: keywords, a row over the vocabulary, predict."""
    counts = text.session_keywords(session, stop_words=km.stop_words, top_n=km.top_n)
    row = counts.set_index("keyword")["count"].reindex(km.vocabulary).fillna(0)
    weights = np.where(row > 0, 1 + np.log(row.where(row > 0, 1)), 0.0) * km.idf
    length = np.linalg.norm(weights)
    return int(kmeans.predict((weights / length if length else weights).reshape(1, -1))[0])


def timed(function, items) -> np.ndarray:
    """Milliseconds per call."""
    times = []
    for item in items:
        start = time.perf_counter()
        function(item)
        times.append((time.perf_counter() - start) * 1000)
    return np.array(times)


def main() -> None:
    start = time.perf_counter()
    km, kmeans, model = build()
    build_seconds = time.perf_counter() - start

    other_week = datasets.generate("odisee", seed=datasets.DEFAULT_SEED + 1, scale=0.1)
    new = text.clean_events(other_week["events"])
    groups = [g for _, g in new.groupby("session")][:N_SESSIONS]
    as_frames = [g.assign(session=0) for g in groups]
    as_records = [g.to_dict("records") for g in groups]

    ours = timed(model.assign, as_records)
    base = timed(lambda g: baseline_assign(km, kmeans, g), as_frames)
    ours_segments = [model.assign(r).segment for r in as_records]
    base_segments = [baseline_assign(km, kmeans, g) for g in as_frames]
    known = [s is not None for s in ours_segments]
    agree = np.mean([a == b for a, b, k in zip(ours_segments, base_segments, known, strict=True)
                     if k])

    events = np.mean([len(r) for r in as_records])
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"model built from {km.matrix.shape[0]:,} sessions × {km.matrix.shape[1]} keywords in "
          f"{build_seconds:.1f} s; peak memory of the process {peak_mb:.0f} MB")
    print(f"{len(groups)} new sessions, {events:.1f} events each on average\n")
    print(f"{'method':34} {'mean ms':>9} {'p95 ms':>9} {'× assign':>9}")
    for name, ms in [("SegmentModel.assign", ours), ("baseline: batch pipeline + predict", base)]:
        print(f"{name:34} {ms.mean():9.3f} {np.percentile(ms, 95):9.3f} "
              f"{ms.mean() / ours.mean():9.1f}")
    print(f"\nsame segment as the baseline for {agree:.1%} of sessions with known keywords")
    verdict = "met" if np.percentile(ours, 95) < TARGET_MS else "MISSED"
    print(f"target: under {TARGET_MS:.0f} ms per assignment (95th percentile): {verdict}")


if __name__ == "__main__":
    main()
