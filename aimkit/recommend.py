"""Recommend items from what people did and from what the items are.

The technique comes first: :func:`interaction_matrix` (who touched what),
:func:`item_similarity` (cosine similarity between items) and :func:`top_k` (the best scores
per row). The models build on them.

Collaborative filtering learns from behaviour: :class:`ItemKNN` recommends items that are
bought or viewed by the same people as the items a user already knows (*item-based*);
:class:`UserKNN` finds the visitors whose behaviour looks most like a user's and recommends
what they looked at (*user-based*, the Costa case). Both store the user × item matrix as a
``scipy.sparse`` matrix, so they hold at hundreds of thousands of users.

Behaviour cannot say anything about an item nobody has seen yet (*cold start*).
:class:`ContentSimilarity` compares items on their metadata (numbers and categories), and
:class:`Hybrid` uses it to bring new items and new users into the recommendations.

:func:`evaluate` hides each user's last item, asks a recommender for ``k`` items and counts
how often the hidden item is among them, next to a popularity and a random baseline.

Examples
--------
>>> import pandas as pd
>>> views = pd.DataFrame({"user_id": ["an", "an", "bo", "bo", "cy"],
...                       "item_id": ["villa", "pool", "villa", "pool", "villa"]})
>>> model = ItemKNN().fit(views)
>>> model.recommend("cy", k=1)["item"].tolist()
['pool']

Used in: notebooks/cases/12_costa_real_estate_recommender.ipynb,
notebooks/cases/13_wine_recommendations.ipynb, notebooks/cases/16_earnieland_reactivation.ipynb.
"""

from __future__ import annotations

import copy
from collections.abc import Hashable, Sequence

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn import config_context
from sklearn.neighbors import NearestNeighbors

from aimkit import _ranking

# ----------------------------------------------------------------------------- the technique


def interaction_matrix(interactions: pd.DataFrame, user: str = "user_id", item: str = "item_id",
                       weight: str | None = None, binary: bool = False):
    """Build the sparse user × item matrix from a long table of interactions.

    Parameters
    ----------
    interactions : DataFrame
        One row per interaction (a view, a purchase).
    user, item : str
        Column names of the user and the item.
    weight : str, optional
        Column to add up per user and item; default: count the rows.
    binary : bool
        Keep only whether a user touched an item (1) or not.

    Returns
    -------
    matrix : scipy.sparse.csr_matrix
        ``n_users × n_items``, float64.
    users, items : Index
        The labels of the rows and the columns.

    Examples
    --------
    >>> frame = pd.DataFrame({"user_id": ["a", "a", "b"], "item_id": ["x", "x", "y"]})
    >>> matrix, users, items = interaction_matrix(frame)
    >>> matrix.toarray().tolist(), list(users), list(items)
    ([[2.0, 0.0], [0.0, 1.0]], ['a', 'b'], ['x', 'y'])
    """
    missing = [c for c in (user, item, weight) if c is not None and c not in interactions]
    if missing:
        raise KeyError(f"interactions lack the column(s) {', '.join(missing)}")
    rows, users = pd.factorize(interactions[user], sort=True)
    cols, items = pd.factorize(interactions[item], sort=True)
    if (rows < 0).any() or (cols < 0).any():
        raise ValueError(f"columns {user!r} and {item!r} must not be empty")
    values = (np.ones(len(interactions)) if weight is None
              else interactions[weight].to_numpy(dtype=float))
    matrix = sparse.csr_matrix((values, (rows, cols)), shape=(len(users), len(items)))
    matrix.sum_duplicates()
    if binary:
        matrix.data = (matrix.data != 0).astype(float)
        matrix.eliminate_zeros()
    return matrix, pd.Index(users, name=user), pd.Index(items, name=item)


def item_similarity(matrix: sparse.spmatrix) -> sparse.csr_matrix:
    """Cosine similarity between the items (columns) of a user × item matrix.

    ``cos(i, j) = (i · j) / (‖i‖ ‖j‖)``, with ``i`` and ``j`` the items' columns: 1 when the
    same users touched both in the same proportions, 0 when no user touched both. The
    diagonal (an item with itself) is set to 0, so an item is never its own neighbour.

    Parameters
    ----------
    matrix : scipy.sparse matrix
        ``n_users × n_items``, e.g. from :func:`interaction_matrix`.

    Returns
    -------
    scipy.sparse.csr_matrix
        ``n_items × n_items``, symmetric, zero on the diagonal.

    Examples
    --------
    >>> matrix = sparse.csr_matrix([[1.0, 1.0, 0.0], [1.0, 0.0, 1.0]])
    >>> item_similarity(matrix).toarray().round(3).tolist()
    [[0.0, 0.707, 0.707], [0.707, 0.0, 0.0], [0.707, 0.0, 0.0]]
    """
    similarity = (matrix.T.tocsr() @ matrix).tocsr()  # i · j for every pair of items
    norms = np.sqrt(similarity.diagonal())              # ‖i‖: i · i is on the diagonal
    inverse = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
    # divide each cell (i, j) by ‖i‖ and by ‖j‖, in place: the matrix can hold millions of pairs
    similarity.data *= np.repeat(inverse, np.diff(similarity.indptr))
    similarity.data *= inverse[similarity.indices]
    similarity.setdiag(0.0)
    similarity.eliminate_zeros()
    similarity.sort_indices()
    return similarity


def top_k(scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Column indices and values of the ``k`` highest scores per row, best first.

    A stable sort: equal scores keep their column order, so ties go to the lower column
    (the first item) and the result never depends on chance.

    Examples
    --------
    >>> index, values = top_k(np.array([[0.2, 0.9, 0.5, 0.9]]), 3)
    >>> index.tolist(), values.tolist()
    ([[1, 3, 2]], [[0.9, 0.9, 0.5]])
    """
    best = np.argsort(-scores, axis=1, kind="stable")[:, :k]
    return best, np.take_along_axis(scores, best, axis=1)


def _best(scores: pd.Series, k: int, name: str = "score", positive: bool = True
          ) -> pd.DataFrame:
    """The ``k`` best items of a score per item, best first (only positive scores)."""
    index, values = top_k(scores.to_numpy()[None, :], k)
    keep = values[0] > 0 if positive else np.ones(len(values[0]), dtype=bool)
    return pd.DataFrame({"item": scores.index[index[0][keep]], name: values[0][keep]})


def _is_basket(query) -> bool:
    return isinstance(query, (list, tuple, set, pd.Index, np.ndarray, pd.Series))


# ----------------------------------------------------------------------------- the models

CHUNK = 8192
"""Users scored at once by ``recommend_all`` (bounds the dense score block in memory)."""
WORKING_MB = 64
"""Memory scikit-learn may use per chunk of the neighbour search in :class:`UserKNN`."""


class Recommender:
    """Base of the behaviour models: learn from interactions, score items, recommend the best.

    A model fits on a long table of interactions (:meth:`fit`), scores every item for a
    user or a basket (:meth:`scores`) and recommends the best unseen ones
    (:meth:`recommend`, :meth:`recommend_all`). A subclass says what it learns (``_learn``,
    from ``matrix_``) and how it scores a block of query rows (``_score_rows``).

    Attributes
    ----------
    matrix_ : scipy.sparse.csr_matrix
        The user × item matrix (:func:`interaction_matrix`).
    users_, items_ : Index
        Labels of its rows and columns.
    """

    binary = False

    def fit(self, interactions: pd.DataFrame, user: str = "user_id", item: str = "item_id",
            weight: str | None = None):
        """Learn from a long table of interactions (one row per view or purchase).

        Parameters
        ----------
        interactions : DataFrame
            One row per interaction.
        user, item : str
            Column names of the user and the item.
        weight : str, optional
            Column to add up per user and item (e.g. 3 for a favourite, 1 for a view);
            default: every row counts 1.

        Returns
        -------
        self
        """
        self.matrix_, self.users_, self.items_ = interaction_matrix(
            interactions, user, item, weight, binary=self.binary)
        self._user_pos = pd.Series(np.arange(len(self.users_)), index=self.users_)
        self._item_pos = pd.Series(np.arange(len(self.items_)), index=self.items_)
        self._learn()
        return self

    def scores(self, query) -> pd.Series:
        """How well each item fits a known user, or a list of items (a basket).

        Parameters
        ----------
        query : user label or list of item labels
            A user seen in ``fit``; or the items an anonymous visitor looked at.

        Returns
        -------
        Series
            One score per item of ``items_`` (higher is better), the user's own items
            included.

        Examples
        --------
        >>> views = pd.DataFrame({"user_id": [1, 1, 2], "item_id": ["a", "b", "a"]})
        >>> ItemKNN().fit(views).scores(["b"]).round(3).to_dict()
        {'a': 0.707, 'b': 0.0}
        """
        self._check_fitted()
        scores = self._score_rows(*self._query(query))[0]
        return pd.Series(scores, index=self.items_, name="score")

    def items_of(self, query) -> pd.Index:
        """The items a known user touched, or the known items of a basket.

        Examples
        --------
        >>> views = pd.DataFrame({"user_id": [1, 1, 2], "item_id": ["a", "b", "a"]})
        >>> list(ItemKNN().fit(views).items_of(1)), list(ItemKNN().fit(views).items_of(["b", "z"]))
        (['a', 'b'], ['b'])
        """
        self._check_fitted()
        return self.items_[self._query(query)[0].indices]

    def recommend(self, query, k: int = 10, exclude_seen: bool = True) -> pd.DataFrame:
        """Recommend ``k`` items for one known user, or for a list of items (a basket).

        The ``k`` highest :meth:`scores`, leaving out what the user already knows.

        Parameters
        ----------
        query : user label or list of item labels
            A user seen in ``fit``; or the items an anonymous visitor looked at.
        k : int
            Number of items.
        exclude_seen : bool
            Leave out the user's own items (the items of a basket are always left out).

        Returns
        -------
        DataFrame
            Columns ``item`` and ``score``, best first; only items with a positive score.
        """
        scores = self.scores(query)
        if exclude_seen or _is_basket(query):
            scores = scores.drop(self.items_of(query))
        return _best(scores, k)

    def recommend_all(self, users: Sequence | None = None, k: int = 10,
                      exclude_seen: bool = True, from_items: pd.Series | None = None
                      ) -> pd.DataFrame:
        """Recommend ``k`` items for many users at once (vectorised, in chunks).

        The same answer as :meth:`recommend` for each user, faster: users are scored in
        blocks of :data:`CHUNK` and ranked without sorting every row (``aimkit._ranking``).

        Parameters
        ----------
        users : sequence, optional
            Known users; default all users seen in ``fit``.
        k : int
            Items per user.
        exclude_seen : bool
            Leave out each user's own items.
        from_items : Series, optional
            Base the recommendation on these items instead of the whole history: index =
            user, values = item (several rows per user allowed), e.g. each user's last shop.
            Those items are always left out; unknown users are allowed here.

        Returns
        -------
        DataFrame
            Long table ``user, rank, item, score`` (rank 1 = best).
        """
        self._check_fitted()
        if from_items is not None:
            from_items = from_items[from_items.isin(self.items_)]
            users = pd.Index(pd.unique(from_items.index)) if users is None else pd.Index(users)
            basis_all = _ranking.ones_at(users.get_indexer(from_items.index),
                                         self._item_pos[from_items.to_numpy()].to_numpy(),
                                         (len(users), len(self.items_)))
            rows_all = self._user_pos.reindex(users).to_numpy()
            known = ~np.isnan(rows_all)
            seen_all = basis_all
            if exclude_seen and known.any():
                pick = _ranking.ones_at(np.flatnonzero(known), rows_all[known].astype(int),
                                        (len(users), len(self.users_)))
                seen_all = (basis_all + pick @ self.matrix_).tocsr()
        else:
            users = self.users_ if users is None else pd.Index(users)
            rows_all = self._user_pos.reindex(users).to_numpy()
            if np.isnan(rows_all).any():
                unknown = list(users[np.isnan(rows_all)][:5])
                raise KeyError(f"unknown users {unknown}; use from_items for them")
            basis_all = self.matrix_[rows_all.astype(int)]
            seen_all = basis_all if exclude_seen else None
        rows_all = np.nan_to_num(rows_all, nan=-1).astype(int)
        frames = []
        for start in range(0, len(users), CHUNK):
            stop = min(start + CHUNK, len(users))
            scores = self._score_rows(basis_all[start:stop], rows_all[start:stop])
            seen = None if seen_all is None else seen_all[start:stop]
            index, values, keep = _ranking.best_unseen(scores, seen, k)
            ranks = np.broadcast_to(np.arange(1, index.shape[1] + 1), index.shape)
            who = np.broadcast_to(np.arange(start, stop)[:, None], index.shape)
            frames.append(pd.DataFrame({"user": users[who[keep]], "rank": ranks[keep],
                                        "item": self.items_[index[keep]],
                                        "score": values[keep]}))
        if not frames:
            return pd.DataFrame({"user": [], "rank": [], "item": [], "score": []})
        return pd.concat(frames, ignore_index=True)

    def _learn(self) -> None:
        """Compute what the model needs from ``matrix_``."""

    def _score_rows(self, basis: sparse.csr_matrix, rows: np.ndarray) -> np.ndarray:
        """Dense scores (n × items) for n query rows; ``rows`` are their user rows (-1: none)."""
        raise NotImplementedError

    def _check_fitted(self) -> None:
        if not hasattr(self, "matrix_"):
            raise RuntimeError(f"{type(self).__name__} is not fitted yet: call fit() first")

    def _query(self, query) -> tuple[sparse.csr_matrix, np.ndarray]:
        """The query's row (a user's history or a basket) and its user row (-1 for a basket)."""
        if _is_basket(query):
            items = list(query)
            known = self._item_pos.reindex(items).dropna().astype(int).to_numpy()
            if len(known) == 0:
                raise KeyError(f"none of the items {items[:5]} is known to the model")
            return (_ranking.ones_at(np.zeros(len(known), int), known, (1, len(self.items_))),
                    np.array([-1]))
        if query not in self._user_pos.index:
            raise KeyError(f"unknown user {query!r}; pass the items they looked at instead")
        row = int(self._user_pos[query])
        return self.matrix_[row], np.array([row])


class ItemKNN(Recommender):
    """Item-based collaborative filtering: cosine similarity between the items' user columns.

    Two items are similar when the same users touch both. A user's score for an item is the
    sum of its similarities to the user's items, so a basket (e.g. the last shop a user
    bought from) is enough to recommend.

    Parameters
    ----------
    binary : bool
        Use whether a user touched an item, not how often (default), so one heavy user
        does not dominate an item's similarities.

    Attributes
    ----------
    similarity_ : scipy.sparse.csr_matrix
        Item × item cosine similarity, zero on the diagonal.

    Examples
    --------
    >>> buys = pd.DataFrame({"user_id": [1, 1, 2, 2, 3], "item_id": ["a", "b", "a", "b", "c"]})
    >>> ItemKNN().fit(buys).similar_items("a", k=1)
      item  similarity
    0    b         1.0
    """

    def __init__(self, binary: bool = True):
        self.binary = binary

    def _learn(self) -> None:
        self.similarity_ = item_similarity(self.matrix_)

    def _score_rows(self, basis, rows):
        return (basis @ self.similarity_).toarray()  # the sum of similarities to my items

    def similar_items(self, item: Hashable, k: int = 10) -> pd.DataFrame:
        """The ``k`` items most similar to ``item`` (positive similarity only).

        Examples
        --------
        >>> buys = pd.DataFrame({"user_id": [1, 1, 2], "item_id": ["a", "b", "a"]})
        >>> ItemKNN().fit(buys).similar_items("b")["item"].tolist()
        ['a']
        """
        self._check_fitted()
        if item not in self._item_pos.index:
            raise KeyError(f"unknown item {item!r}")
        row = self.similarity_[int(self._item_pos[item])].toarray()[0]
        return _best(pd.Series(row, index=self.items_), k, name="similarity")


class UserKNN(Recommender):
    """User-based k-nearest neighbours: recommend what the most similar users looked at.

    Users are compared with cosine similarity on their rows of the interaction matrix
    (scikit-learn's ``NearestNeighbors``, brute force on the sparse matrix). A user's score
    for an item is the similarity-weighted sum of the neighbours' normalised rows.

    Parameters
    ----------
    neighbours : int
        Number of neighbours per user.
    binary : bool
        Use whether a user touched an item instead of the (weighted) counts.

    Examples
    --------
    >>> views = pd.DataFrame({"user_id": ["a", "a", "b", "b", "b", "c", "c"],
    ...                       "item_id": ["x", "y", "x", "y", "z", "p", "q"]})
    >>> UserKNN(neighbours=1).fit(views).recommend("a")["item"].tolist()
    ['z']
    """

    def __init__(self, neighbours: int = 20, binary: bool = False):
        self.neighbours = neighbours
        self.binary = binary

    def _learn(self) -> None:
        norms = np.sqrt(np.asarray(self.matrix_.multiply(self.matrix_).sum(axis=1)).ravel())
        inverse = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
        self.profiles_ = sparse.diags(inverse) @ self.matrix_
        self.index_ = NearestNeighbors(metric="cosine", algorithm="brute").fit(self.matrix_)

    def neighbours_of(self, query, k: int | None = None) -> pd.DataFrame:
        """The nearest users of a known user (or of a list of items), with their similarity.

        Examples
        --------
        >>> views = pd.DataFrame({"user_id": ["a", "b", "c"], "item_id": ["x", "x", "y"]})
        >>> UserKNN().fit(views).neighbours_of("a", k=1)
          user  similarity
        0    b         1.0
        """
        self._check_fitted()
        rows, weights = self._neighbours(*self._query(query), k or self.neighbours)
        keep = weights[0] > 0
        return pd.DataFrame({"user": self.users_[rows[0][keep]], "similarity": weights[0][keep]})

    def _neighbours(self, basis, rows, k):
        n = min(k + 1, len(self.users_))
        with config_context(working_memory=WORKING_MB):  # scikit-learn's default is 1 GB
            distances, index = self.index_.kneighbors(basis, n_neighbors=n)
        weights = np.clip(1.0 - distances, 0.0, None)
        is_self = index == rows[:, None]
        weights[is_self] = 0.0
        if n == k + 1:  # users without themselves among the neighbours keep k, not k + 1
            weights[~is_self.any(axis=1), -1] = 0.0
        order = np.argsort(is_self, axis=1, kind="stable")
        return np.take_along_axis(index, order, 1), np.take_along_axis(weights, order, 1)

    def _score_rows(self, basis, rows):
        index, weights = self._neighbours(basis, rows, self.neighbours)
        n = index.shape[0]
        mix = sparse.csr_matrix((weights.ravel(), (np.repeat(np.arange(n), index.shape[1]),
                                                   index.ravel())), shape=(n, len(self.users_)))
        return (mix @ self.profiles_).toarray()


class Popularity(Recommender):
    """Baseline: recommend the items most users touched, the same list for everyone.

    Examples
    --------
    >>> views = pd.DataFrame({"user_id": [1, 2, 2, 3], "item_id": ["a", "a", "b", "c"]})
    >>> Popularity().fit(views).recommend(3, k=2)["item"].tolist()
    ['a', 'b']
    """

    binary = True

    def _learn(self) -> None:
        self.popularity_ = np.asarray(self.matrix_.sum(axis=0)).ravel()

    def _score_rows(self, basis, rows):
        return np.broadcast_to(self.popularity_, (basis.shape[0], len(self.items_)))


class RandomItems(Recommender):
    """Baseline: recommend items at random (seeded), what a box without any logic does.

    Examples
    --------
    >>> views = pd.DataFrame({"user_id": [1, 2], "item_id": ["a", "b"]})
    >>> len(RandomItems(seed=1).fit(views).recommend(1, k=5))
    1
    """

    binary = True

    def __init__(self, seed: int = 0):
        self.seed = seed

    def _learn(self) -> None:
        self.rng_ = np.random.default_rng(self.seed)

    def _score_rows(self, basis, rows):
        return self.rng_.uniform(0.01, 1.0, size=(basis.shape[0], len(self.items_)))


class ContentSimilarity:
    """Similarity of items from their metadata, for items nobody has seen yet (cold start).

    Uses Gower's similarity, which mixes numbers and categories: per numeric feature
    ``1 - |a - b| / range`` (range over the fitted items), per categorical feature 1 when
    equal, 0 otherwise; the result is the weighted mean over the features both items have
    (a missing value skips the feature). It lies between 0 and 1 and reads as a percentage.

    Parameters
    ----------
    numeric, categorical : sequence of str
        Metadata columns.
    weights : dict, optional
        Weight per column (default 1), e.g. ``{"region": 3}`` when location matters most.

    Examples
    --------
    >>> homes = pd.DataFrame({"id": ["A", "B", "C"], "bedrooms": [2, 3, 5],
    ...                       "region": ["Blanca", "Blanca", "Sol"]})
    >>> model = ContentSimilarity(["bedrooms"], ["region"]).fit(homes, id="id")
    >>> model.similar_items("A").round(3)
      item  similarity
    0    B       0.833
    1    C       0.000
    """

    def __init__(self, numeric: Sequence[str] = (), categorical: Sequence[str] = (),
                 weights: dict[str, float] | None = None):
        self.numeric = list(numeric)
        self.categorical = list(categorical)
        self.weights = dict(weights or {})

    def fit(self, items: pd.DataFrame, id: str = "item_id"):
        """Remember the items' metadata and the numeric ranges.

        Parameters
        ----------
        items : DataFrame
            One row per item with the metadata columns.
        id : str
            Column with the item label.

        Returns
        -------
        self
        """
        if items[id].duplicated().any():
            raise ValueError(f"column {id!r} holds duplicate items")
        self.items_ = pd.Index(items[id], name=id)
        self.id_ = id
        self.features_ = items.set_index(id)[self.numeric + self.categorical]
        numbers = self.features_[self.numeric].astype(float)
        spread = (numbers.max() - numbers.min()).to_numpy()
        self.ranges_ = np.where(spread > 0, spread, 1.0)
        return self

    def _parts(self, frame: pd.DataFrame):
        numbers = frame[self.numeric].astype(float).to_numpy()
        labels = frame[self.categorical].astype(object).to_numpy()
        return numbers, labels

    def similarity(self, a: pd.DataFrame, b: pd.DataFrame | None = None) -> np.ndarray:
        """Gower similarity between the rows of ``a`` and of ``b`` (default: fitted items).

        Examples
        --------
        >>> homes = pd.DataFrame({"id": ["A", "B"], "m2": [100, 200]})
        >>> ContentSimilarity(["m2"]).fit(homes, id="id").similarity(homes).round(2).tolist()
        [[1.0, 0.0], [0.0, 1.0]]
        """
        b = self.features_ if b is None else b
        weight = np.array([self.weights.get(c, 1.0) for c in self.numeric + self.categorical])
        an, ac = self._parts(a)
        bn, bc = self._parts(b)
        total = np.zeros((len(a), len(b)))
        counted = np.zeros((len(a), len(b)))
        for j in range(len(self.numeric)):
            diff = np.abs(an[:, j, None] - bn[None, :, j]) / self.ranges_[j]
            present = ~np.isnan(diff)
            total += weight[j] * np.where(present, 1.0 - np.clip(diff, 0.0, 1.0), 0.0)
            counted += weight[j] * present
        for j in range(len(self.categorical)):
            left, right = ac[:, j, None], bc[None, :, j]
            present = ~(pd.isna(left) | pd.isna(right))
            total += weight[len(self.numeric) + j] * (present & (left == right))
            counted += weight[len(self.numeric) + j] * present
        return np.divide(total, counted, out=np.zeros_like(total), where=counted > 0)

    def similar_items(self, item, k: int = 10, candidates: Sequence | None = None
                      ) -> pd.DataFrame:
        """The ``k`` fitted items most like ``item`` (a fitted label or a row of metadata).

        Parameters
        ----------
        item : label, dict or one-row DataFrame
            A fitted item, or the metadata of a new one.
        k : int
            Number of items.
        candidates : sequence, optional
            Only consider these fitted items.

        Returns
        -------
        DataFrame
            ``item`` and ``similarity``, best first; the item itself is left out.
        """
        if isinstance(item, dict):
            row = pd.DataFrame([item])
        elif isinstance(item, pd.DataFrame):
            row = item
        else:
            row = self.features_.loc[[item]]
        pool = self.features_ if candidates is None else self.features_.loc[list(candidates)]
        scores = pd.Series(self.similarity(row, pool)[0], index=pool.index)
        if not isinstance(item, (dict, pd.DataFrame)):
            scores = scores.drop(item, errors="ignore")
        return _best(scores, k, name="similarity", positive=False)


class Hybrid:
    """Collaborative filtering where behaviour exists; metadata where it does not.

    - **New items** (in the metadata, never seen in the interactions) are matched with their
      ``twins``, the known items they resemble most; a new item gets the best score of a twin
      times the resemblance. A new villa just like villas a visitor's neighbours viewed enters
      that visitor's box at once, and only that visitor's.
    - **New users**: the items they are looking at now go to the collaborative model; when it
      knows none of them, the most similar items by metadata; with nothing at all, the most
      popular items.

    Parameters
    ----------
    collaborative : ItemKNN or UserKNN
        The behaviour model (unfitted).
    content : ContentSimilarity
        The metadata model (unfitted).
    twins : int
        Known items each new item is matched with.

    Examples
    --------
    >>> views = pd.DataFrame({"user_id": ["a", "a", "b", "b"], "item_id": [1, 2, 1, 3]})
    >>> homes = pd.DataFrame({"item_id": [1, 2, 3, 4], "beds": [2, 2, 4, 4]})
    >>> model = Hybrid(ItemKNN(), ContentSimilarity(["beds"])).fit(views, homes)
    >>> model.recommend("a", k=3)[["item", "source"]].values.tolist()
    [[3, 'collaborative'], [4, 'content']]
    """

    def __init__(self, collaborative: Recommender, content: ContentSimilarity, twins: int = 3):
        self.collaborative = collaborative
        self.content = content
        self.twins = twins

    def fit(self, interactions: pd.DataFrame, items: pd.DataFrame, user: str = "user_id",
            item: str = "item_id", weight: str | None = None):
        """Fit the behaviour model on the interactions and the metadata model on all items.

        Parameters
        ----------
        interactions : DataFrame
            One row per interaction.
        items : DataFrame
            Metadata of every item, including the new ones; its label column is ``item``.
        user, item, weight : str
            As in :meth:`ItemKNN.fit`.

        Returns
        -------
        self
        """
        self.collaborative.fit(interactions, user=user, item=item, weight=weight)
        self.content.fit(items, id=item)
        known = self.collaborative.items_
        self.new_items_ = self.content.items_.difference(known)
        features = self.content.features_
        bridge = self.content.similarity(features.loc[self.new_items_], features.reindex(known))
        index, values = top_k(bridge, self.twins)
        self.bridge_ = np.zeros_like(bridge)
        np.put_along_axis(self.bridge_, index, values, axis=1)
        return self

    def recommend(self, query, k: int = 10, exclude_seen: bool = True) -> pd.DataFrame:
        """Recommend ``k`` items for a user or a list of items, saying where each comes from.

        Returns
        -------
        DataFrame
            ``item``, ``score`` and ``source`` (collaborative, content or popular).
        """
        model = self.collaborative
        basket = _is_basket(query)
        try:
            scores = model.scores(query)
        except KeyError:
            return self._fallback(list(query) if basket else [], k)
        unseen = scores.drop(model.items_of(query)) if exclude_seen or basket else scores
        ranked = _best(unseen, k).assign(source="collaborative")
        new = pd.DataFrame({"item": self.new_items_,  # a twin's score times the resemblance
                            "score": (self.bridge_ * scores.to_numpy()).max(axis=1, initial=0.0),
                            "source": "content"})
        if basket:
            new = new[~new["item"].isin(list(query))]
        both = pd.concat([ranked, new[new["score"] > 0]], ignore_index=True)
        return both.sort_values("score", ascending=False, kind="stable").head(k) \
            .reset_index(drop=True)

    def _fallback(self, items: list, k: int) -> pd.DataFrame:
        known = [i for i in items if i in self.content.items_]
        if known:
            scores = self.content.similarity(self.content.features_.loc[known]).mean(axis=0)
            table = pd.DataFrame({"item": self.content.items_, "score": scores,
                                  "source": "content"})
            table = table[~table["item"].isin(known)]
        else:
            popularity = np.asarray((self.collaborative.matrix_ > 0).sum(axis=0)).ravel()
            table = pd.DataFrame({"item": self.collaborative.items_, "score": popularity,
                                  "source": "popular"})
        return table.sort_values("score", ascending=False, kind="stable").head(k) \
            .reset_index(drop=True)


def rerank_by_profile(candidates: pd.DataFrame, history: pd.DataFrame, items: pd.DataFrame, *,
                      category: str, price: str, user: str = "user", item: str = "item",
                      spread: float = 0.35, smoothing: float = 1.0) -> pd.DataFrame:
    """Re-rank recommendations so they respect each user's category mix and price level.

    Collaborative filtering knows what is bought together, not that a red-wine drinker on a
    €10 budget will not buy a €40 champagne. Each candidate's score is multiplied by

    - the user's share of the item's category in their history, smoothed:
      ``(count + smoothing / n_categories) / (history length + smoothing)``;
    - a price fit ``exp(-½ (ln(price / typical) / spread)²)``, with ``typical`` the median
      price in the user's history: 1 at the usual price, 0.61 at ``exp(spread)`` times it.

    Parameters
    ----------
    candidates : DataFrame
        ``user``, ``item`` and ``score`` columns, e.g. from ``recommend_all``.
    history : DataFrame
        ``user`` and ``item`` columns: what each user bought (one row per line).
    items : DataFrame
        ``item``, ``category`` and ``price`` columns.
    category, price : str
        Column names in ``items``.
    user, item : str
        Column names of the user and the item in ``candidates`` and ``history``.
    spread : float
        How far (log scale) a price may stray from the user's usual price.
    smoothing : float
        Weight of the uniform prior over categories (0 = only categories already bought).

    Returns
    -------
    DataFrame
        The candidates with ``preference`` and ``adjusted`` columns, best ``adjusted`` first per
        user, and ``rank`` renumbered.

    Examples
    --------
    >>> wines = pd.DataFrame({"item": ["r1", "r2", "w1"], "type": ["red", "red", "white"],
    ...                       "price": [10.0, 40.0, 10.0]})
    >>> bought = pd.DataFrame({"user": ["an", "an"], "item": ["r1", "r1"]})
    >>> found = pd.DataFrame({"user": ["an", "an"], "item": ["w1", "r2"], "score": [1.0, 0.9]})
    >>> rerank_by_profile(found, bought, wines, category="type", price="price",
    ...                   spread=1.0)["item"].tolist()
    ['r2', 'w1']
    """
    info = items.set_index(item)[[category, price]]
    past = history[[user, item]].join(info, on=item)
    counts = past.groupby([user, category]).size().rename("count")
    totals = past.groupby(user).size().rename("total")
    typical = past.groupby(user)[price].median().rename("typical")
    k = info[category].nunique()
    out = candidates.join(info, on=item).join(counts, on=[user, category]).join(totals, on=user)
    out = out.join(typical, on=user)
    share = (out["count"].fillna(0) + smoothing / k) / (out["total"] + smoothing)
    fit = np.exp(-0.5 * (np.log(out[price] / out["typical"]) / spread) ** 2)
    out = out.assign(preference=share * fit)
    out = out.assign(adjusted=out["score"] * out["preference"])
    out = out.drop(columns=["count", "total", "typical"])
    out = out.sort_values([user, "adjusted"], ascending=[True, False], kind="stable")
    return out.assign(rank=out.groupby(user).cumcount() + 1).reset_index(drop=True)


def _holdout(interactions, user, item, time, how, seed):
    """Pick one (user, item) pair per user to hide: the last new item or a random one."""
    order = interactions.sort_values(time, kind="stable") if time else interactions
    firsts = order.drop_duplicates([user, item])
    counts = firsts.groupby(user, sort=False)[item].transform("size")
    firsts = firsts[counts >= 2]
    if how == "last":
        return firsts.drop_duplicates(user, keep="last")[[user, item]]
    if how == "random":
        rng = np.random.default_rng(seed)
        shuffled = firsts.iloc[rng.permutation(len(firsts))]
        return shuffled.drop_duplicates(user)[[user, item]]
    raise ValueError(f"holdout must be 'last' or 'random', not {how!r}")


def evaluate(recommender: Recommender, interactions: pd.DataFrame, k: int = 10,
             holdout: str = "last", user: str = "user_id", item: str = "item_id",
             time: str | None = None, weight: str | None = None, seed: int = 0
             ) -> pd.DataFrame:
    """Offline evaluation: hide one item per user and see who finds it back in the top ``k``.

    For every user with at least two different items, the last new item (``holdout="last"``,
    by ``time``, else by row order) or a random one (``"random"``) is removed with all its
    rows. The recommender, a :class:`Popularity` and a :class:`RandomItems` baseline are fitted
    on what is left and asked for ``k`` unseen items per user.

    Parameters
    ----------
    recommender : ItemKNN, UserKNN or another collaborative model
        Unfitted or fitted; a copy is fitted.
    interactions : DataFrame
        One row per interaction.
    k : int
        Length of the recommendation list.
    holdout : {"last", "random"}
        Which item to hide.
    user, item, time, weight : str
        Column names; ``time`` orders the interactions for ``holdout="last"``.
    seed : int
        Seed of the random baseline and of ``holdout="random"``.

    Returns
    -------
    DataFrame
        One row per model (the recommender's class name, ``popularity``, ``random``):
        ``hit_rate`` (share of users whose hidden item is in their top k),
        ``precision`` (hits / k: one hidden item per user) and ``users``.

    Examples
    --------
    >>> views = pd.DataFrame({"user_id": [1, 1, 1, 2, 2, 2, 3, 3, 3],
    ...                       "item_id": list("abccabbca")})  # each user hides a different item
    >>> evaluate(ItemKNN(), views, k=1).loc["ItemKNN", "hit_rate"]
    np.float64(1.0)
    """
    hidden = _holdout(interactions, user, item, time, holdout, seed)
    key = pd.MultiIndex.from_frame(interactions[[user, item]])
    train = interactions[~key.isin(pd.MultiIndex.from_frame(hidden))]
    hidden = hidden[hidden[user].isin(train[user])]
    models = {type(recommender).__name__: copy.deepcopy(recommender),
              "popularity": Popularity(), "random": RandomItems(seed)}
    rows = {}
    for name, model in models.items():
        model.fit(train, user=user, item=item, weight=weight)
        top = model.recommend_all(hidden[user].to_numpy(), k=k, exclude_seen=True)
        hits = top.merge(hidden, left_on=["user", "item"], right_on=[user, item]).shape[0]
        rows[name] = {"hit_rate": hits / len(hidden), "precision": hits / (len(hidden) * k),
                      "users": len(hidden)}
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("model")
