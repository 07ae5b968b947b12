"""Customer segments by clustering: scale, fit KMeans, choose k, profile, compare with a label.

The notebooks first fit KMeans in plain scikit-learn; this module holds the same steps as
tested, reusable parts:

- :class:`ValueSegmenter` standardises the chosen features (optionally after a log
  transform for skewed money and counts), fits KMeans and names the clusters **by value**
  (best first: ``A, B, …`` or labels you give), so the names do not depend on KMeans'
  arbitrary cluster numbers and stay the same from run to run;
- :func:`choose_k` tabulates the elbow (inertia) and the silhouette score for several k;
- :func:`profile` describes each segment in business units (means, counts, shares);
- :func:`compare_labels` crosstabs the segments against an existing label, such as a sales
  team's potential code.

Examples
--------
>>> import pandas as pd
>>> customers = pd.DataFrame({"amount": [100, 120, 110, 9000, 9500, 9800.0],
...                           "orders": [1, 2, 1, 30, 28, 35]})
>>> seg = ValueSegmenter(2, features=["amount", "orders"], labels=["big", "small"])
>>> seg.fit_predict(customers).tolist()
['small', 'small', 'small', 'big', 'big', 'big']

Used in: notebooks/cases/10_kinnarps_b2b_clustering.ipynb,
notebooks/cases/14_annapops_rfmt_behaviour.ipynb
"""

from __future__ import annotations

import string
from collections.abc import Sequence

import numpy as np
import pandas as pd


def _matrix(frame: pd.DataFrame, features: Sequence[str], log: Sequence[str]) -> np.ndarray:
    values = frame[list(features)].to_numpy(dtype=np.float64, copy=True)
    for j, name in enumerate(features):
        if name in log:
            values[:, j] = np.log1p(np.clip(values[:, j], 0, None))
    return values


class ValueSegmenter:
    """KMeans on standardised features, with the clusters named from best to worst.

    Parameters
    ----------
    n_segments : int
        Number of clusters k.
    features : sequence of str
        Columns to cluster on.
    log : sequence of str
        Features to transform with ``log(1 + x)`` first (negative values count as 0):
        money and counts are skewed, and without the log a few big customers decide
        the clusters alone.
    lower_is_better : sequence of str
        Features where less is better (recency); the others count as more is better.
    labels : sequence of str, optional
        Names from best to worst; default ``A, B, C, …``.
    rank_by : sequence of str, optional
        Features that decide the value order of the clusters (default: all features); the
        others shape the clusters but do not rank them.
    lapsed : (str, float), optional
        ``(feature, limit)``: clusters whose centre lies beyond ``limit`` on this
        lower-is-better feature (e.g. ``("recency_months", 12)``) rank below every other
        cluster, whatever their other values: customers who stopped buying never outrank
        active ones, however long or much they bought before.
    random_state : int
        Seed of KMeans (``n_init=10``), so the same data always give the same segments.

    Notes
    -----
    A cluster's value is the mean of its centre's standardised ``rank_by`` coordinates (with
    the sign flipped for ``lower_is_better``); the cluster with the highest value gets the first
    label, except that ``lapsed`` clusters come last. After :meth:`fit`, ``centers_`` holds the
    centres in business units (log undone) and ``levels`` the labels best first.

    Examples
    --------
    >>> rfm = pd.DataFrame({"recency": [5, 10, 300, 400], "monetary": [900, 800, 50, 40.0]})
    >>> seg = ValueSegmenter(2, features=["recency", "monetary"], log=["monetary"],
    ...                      lower_is_better=["recency"]).fit(rfm)
    >>> seg.predict(rfm).tolist(), seg.levels
    (['A', 'A', 'B', 'B'], ['A', 'B'])
    """

    def __init__(self, n_segments: int, features: Sequence[str], *, log: Sequence[str] = (),
                 lower_is_better: Sequence[str] = (), labels: Sequence[str] | None = None,
                 rank_by: Sequence[str] | None = None, lapsed: tuple[str, float] | None = None,
                 random_state: int = 0):
        self.n_segments = n_segments
        self.features = list(features)
        self.log = list(log)
        self.lower_is_better = list(lower_is_better)
        default = string.ascii_uppercase[:n_segments]
        self.levels = list(labels) if labels is not None else list(default)
        if len(self.levels) != n_segments:
            raise ValueError(f"{n_segments} segments need {n_segments} labels")
        self.rank_by = list(rank_by) if rank_by is not None else list(self.features)
        if lapsed is not None and lapsed[0] not in self.lower_is_better:
            raise ValueError(f"lapsed needs a lower-is-better feature, not {lapsed[0]!r}")
        self.lapsed = lapsed
        self.random_state = random_state

    def fit(self, frame: pd.DataFrame) -> ValueSegmenter:
        """Fit the scaler and KMeans on ``frame`` and rank the clusters by value.

        Examples
        --------
        >>> ValueSegmenter(1, features=["x"]).fit(pd.DataFrame({"x": [1.0, 2.0]})).levels
        ['A']
        """
        # imported on use: scikit-learn takes ~1.3 s to load, and the segment explorer's
        # first view (RFM segments) does not need it
        from sklearn.cluster import KMeans
        from sklearn.preprocessing import StandardScaler

        values = _matrix(frame, self.features, self.log)
        self.scaler_ = StandardScaler().fit(values)
        self.kmeans_ = KMeans(self.n_segments, n_init=10,
                              random_state=self.random_state).fit(self.scaler_.transform(values))
        signs = np.array([(-1.0 if f in self.lower_is_better else 1.0) * (f in self.rank_by)
                          for f in self.features])
        value = (self.kmeans_.cluster_centers_ * signs).sum(axis=1) / signs.astype(bool).sum()
        if self.lapsed is not None:  # lapsed clusters after all others
            feature, limit = self.lapsed
            j = self.features.index(feature)
            centre = self.scaler_.inverse_transform(self.kmeans_.cluster_centers_)[:, j]
            if feature in self.log:
                centre = np.expm1(centre)
            value = value - (centre > limit) * (np.ptp(value) + 1)
        ranking = np.argsort(-value, kind="stable")
        self.label_of_cluster_ = np.empty(self.n_segments, dtype=object)
        self.label_of_cluster_[ranking] = self.levels
        centers = self.scaler_.inverse_transform(self.kmeans_.cluster_centers_[ranking])
        for j, name in enumerate(self.features):
            if name in self.log:
                centers[:, j] = np.expm1(centers[:, j])
        self.centers_ = pd.DataFrame(centers, index=pd.Index(self.levels, name="segment"),
                                     columns=self.features)
        return self

    def predict(self, frame: pd.DataFrame) -> pd.Series:
        """Name each row's nearest cluster (ordered categorical, best level first).

        Examples
        --------
        >>> data = pd.DataFrame({"x": [1.0, 1.1, 9.0, 9.2]})
        >>> ValueSegmenter(2, features=["x"]).fit(data).predict(data).cat.categories.tolist()
        ['A', 'B']
        """
        values = self.scaler_.transform(_matrix(frame, self.features, self.log))
        names = self.label_of_cluster_[self.kmeans_.predict(values)]
        return pd.Series(pd.Categorical(names, categories=self.levels, ordered=True),
                         index=frame.index, name="segment")

    def fit_predict(self, frame: pd.DataFrame) -> pd.Series:
        """Fit on ``frame`` and name its rows.

        Examples
        --------
        >>> data = pd.DataFrame({"x": [1.0, 9.0]})
        >>> ValueSegmenter(2, features=["x"], labels=["high", "low"]).fit_predict(data).tolist()
        ['low', 'high']
        """
        return self.fit(frame).predict(frame)


def choose_k(frame: pd.DataFrame, features: Sequence[str], ks: Sequence[int] = range(2, 9), *,
             log: Sequence[str] = (), random_state: int = 0) -> pd.DataFrame:
    """Inertia (for the elbow) and silhouette score of KMeans for several k.

    Parameters
    ----------
    frame : DataFrame
        One row per customer.
    features, log, random_state
        As in :class:`ValueSegmenter` (standardised features, optional log first).
    ks : sequence of int
        The numbers of clusters to try (each at least 2).

    Returns
    -------
    DataFrame
        Indexed by ``k``: ``inertia`` (within-cluster sum of squares; look for the elbow)
        and ``silhouette`` (−1 … 1, higher means better separated clusters).

    Examples
    --------
    >>> data = pd.DataFrame({"x": [1.0, 1.1, 1.2, 5.0, 5.1, 9.0, 9.1, 9.3]})
    >>> choose_k(data, ["x"], ks=[2, 3])["silhouette"].idxmax()
    3
    """
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score
    from sklearn.preprocessing import StandardScaler

    values = StandardScaler().fit_transform(_matrix(frame, features, log))
    rows = []
    for k in ks:
        model = KMeans(k, n_init=10, random_state=random_state).fit(values)
        rows.append({"k": k, "inertia": model.inertia_,
                     "silhouette": silhouette_score(values, model.labels_)})
    return pd.DataFrame(rows).set_index("k")


def profile(frame: pd.DataFrame, segments: pd.Series,
            features: Sequence[str] | None = None) -> pd.DataFrame:
    """Each segment in business units: the mean of every feature, the count and the share.

    Examples
    --------
    >>> data = pd.DataFrame({"amount": [10.0, 20.0, 300.0]})
    >>> profile(data, pd.Series(["low", "low", "high"]))  # doctest: +NORMALIZE_WHITESPACE
             amount  customers  share
    segment
    low        15.0          2  0.667
    high      300.0          1  0.333
    """
    features = list(features) if features is not None else list(frame.columns)
    segments = pd.Series(segments, index=frame.index, name="segment")
    grouped = frame[features].groupby(segments, observed=True, sort=False)
    table = grouped.mean()
    table["customers"] = grouped.size()
    table["share"] = (table["customers"] / table["customers"].sum()).round(3)
    if isinstance(segments.dtype, pd.CategoricalDtype):
        table = table.reindex([c for c in segments.cat.categories if c in table.index])
    return table.rename_axis("segment")


def compare_labels(segments: pd.Series, label: pd.Series, normalize: bool = True) -> pd.DataFrame:
    """Crosstab of segments (rows) against an existing label (columns).

    Parameters
    ----------
    segments, label : Series
        Aligned on the index (one row per customer).
    normalize : bool
        Shares per segment (each row sums to 1) instead of counts.

    Examples
    --------
    >>> seg = pd.Series(["1", "1", "2", "2"])
    >>> code = pd.Series(["A", "D", "A", "A"], name="code")
    >>> compare_labels(seg, code)  # doctest: +NORMALIZE_WHITESPACE
    code       A    D
    segment
    1        0.5  0.5
    2        1.0  0.0
    """
    name = getattr(label, "name", None) or "label"
    return pd.crosstab(pd.Series(segments, name="segment"), pd.Series(label, name=name),
                       normalize="index" if normalize else False)
