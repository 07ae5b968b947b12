"""Batch ranking behind :meth:`aimkit.recommend.Recommender.recommend_all`.

:func:`aimkit.recommend.top_k` is the definition: sort each row, best first, ties to the
lower column. Ranking thousands of users over thousands of items at once, sorting every row is
the slow part; :func:`top_k` here gives the same answer from a partial sort. The tests check
that the two agree (ties, ``-inf``, ``k`` beyond the number of items).

Used in: aimkit/recommend.py (no notebook uses it directly).
"""

from __future__ import annotations

import numpy as np
from scipy import sparse


def top_k(scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Column indices and values of the k highest scores per row, best first.

    Ties go to the lower column index, like a stable sort; ``np.argpartition`` alone would
    pick among ties at random.

    Examples
    --------
    >>> index, values = top_k(np.array([[1.0, 3.0, 3.0, 0.5]]), 2)
    >>> index.tolist(), values.tolist()
    ([[1, 2]], [[3.0, 3.0]])
    """
    n, m = scores.shape
    k = min(k, m)
    if k < m:
        # the k best per row: everything better than the k-th value, then ties at the k-th
        # value by lowest column
        worse = -scores
        kth = np.partition(worse, k - 1, axis=1)[:, k - 1:k]
        better = worse < kth
        tie = worse == kth
        chosen = better | (tie & (np.cumsum(tie, axis=1) <= k - better.sum(axis=1,
                                                                             keepdims=True)))
        part = np.nonzero(chosen)[1].reshape(n, k)
    else:
        part = np.broadcast_to(np.arange(m), scores.shape)
    values = np.take_along_axis(scores, part, axis=1)
    order = np.lexsort((part, -values), axis=1)
    index = np.take_along_axis(part, order, axis=1)
    return index, np.take_along_axis(values, order, axis=1)


def best_unseen(scores: np.ndarray, seen: sparse.csr_matrix | None, k: int):
    """The k best columns per row leaving out the ``seen`` cells; which of them score > 0.

    Returns
    -------
    index, values, positive : ndarray
        As :func:`top_k`, and a mask of the cells with a positive score.
    """
    scores = scores.astype(float, copy=True)
    if seen is not None and seen.nnz:
        coo = seen.tocoo()
        scores[coo.row, coo.col] = -np.inf
    index, values = top_k(scores, k)
    return index, values, values > 0


def ones_at(rows: np.ndarray, cols: np.ndarray, shape: tuple[int, int]) -> sparse.csr_matrix:
    """A 0/1 sparse matrix with ones at (rows, cols); negative rows are dropped.

    Examples
    --------
    >>> ones_at(np.array([0, 0, -1, 1]), np.array([1, 1, 0, 0]), (2, 2)).toarray().tolist()
    [[0.0, 1.0], [1.0, 0.0]]
    """
    ok = rows >= 0
    matrix = sparse.csr_matrix((np.ones(ok.sum()), (rows[ok], cols[ok])), shape=shape)
    matrix.sum_duplicates()
    matrix.data[:] = 1.0
    return matrix
